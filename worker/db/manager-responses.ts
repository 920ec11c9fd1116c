// Manager writes and checks on responses: the follow-up/test patch, and what imports must look up.
import type { ResponseManagerPatch } from '../../schema/response'
import { getDb } from './client'
import { responseFromRow } from './responses'
import type { ResponseRow } from './types'

/** Sets follow-up, note or the test flag of an answer of this project; undefined if none. */
export async function patchResponse(
  d1: D1Database,
  projectId: string,
  id: string,
  patch: ResponseManagerPatch,
  at: string,
) {
  const set: Record<string, unknown> = { updated_at: at }
  if (patch.followUp !== undefined) set.follow_up = patch.followUp
  if (patch.note !== undefined) set.note = patch.note
  if (patch.test !== undefined) set.is_test = patch.test ? 1 : 0
  // is_test is in the rollup trigger's column list: the figures follow in the same statement.
  const row = await getDb(d1)
    .updateTable('responses')
    .set(set)
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .returningAll()
    .executeTakeFirst()
  return row && responseFromRow(row as ResponseRow)
}

/** Which of these ids are already stored, and for which project and survey. */
export async function findStoredIds(d1: D1Database, ids: string[]) {
  const result = await d1
    .prepare(
      'SELECT id, project_id, survey_id FROM responses WHERE id IN (SELECT value FROM json_each(?))',
    )
    .bind(JSON.stringify(ids))
    .all<{ id: string; project_id: string; survey_id: string }>()
  return new Map(result.results.map((r) => [r.id, r]))
}
