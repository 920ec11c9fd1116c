// The manager's writes on an answer: follow-up, note and the test flag.
import type { ResponseManagerPatch } from '../../../schema/response'
import { getDb } from '../client'
import type { ResponseRow } from '../types'
import { responseFromRow } from './read'

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
