// Queries of the manager API on responses: filtered listing, the follow-up/test patch, and the
// id check imports need. (Kept apart from responses.ts, the ingest path, which others edit.)
import type { Category } from '../../schema/constants'
import type { ResponseManagerPatch } from '../../schema/response'
import { sql } from 'kysely'
import { getDb } from './client'
import { responseFromRow } from './responses'
import { surveyFromRow } from './surveys'
import type { ResponseRow } from './types'

export interface ResponseFilter {
  surveyId: string
  /** Inclusive UTC days of answered_at, YYYY-MM-DD. */
  from?: string
  to?: string
  touchpoint?: string
  category?: Category
  customerId?: string
  followUp?: 'open' | 'closed'
}

export interface Page {
  after?: { createdAt: string; id: string }
  limit: number
}

/** The first instant after a UTC day: '2026-11-23' → '2026-11-24T00:00:00.000Z'. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString()
}

/**
 * One page of a survey's answers, newest first. The order is (created_at, id), which never
 * changes for a stored answer, so a cursor resumes exactly where the previous page ended:
 * answers inserted meanwhile land before or after it, never shift a page.
 */
export async function listFilteredResponses(
  d1: D1Database,
  projectId: string,
  f: ResponseFilter,
  page: Page,
) {
  let q = getDb(d1)
    .selectFrom('responses')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('survey_id', '=', f.surveyId)
  // answered_at is ISO text, so a day window is a text range (timestamps sort as text).
  if (f.from) q = q.where('answered_at', '>=', `${f.from}T00:00:00.000Z`)
  if (f.to) q = q.where('answered_at', '<', dayAfter(f.to))
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  if (f.category !== undefined) q = q.where('category', '=', f.category)
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId)
  if (f.followUp !== undefined) q = q.where('follow_up', '=', f.followUp)
  if (page.after) {
    const { createdAt, id } = page.after
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    )
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return {
    rows: rows.slice(0, page.limit).map((r) => responseFromRow(r as ResponseRow)),
    more: rows.length > page.limit,
  }
}

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

/** The live surveys of this project among these ids (one statement: json_each binds one parameter). */
export async function findLiveSurveys(d1: D1Database, projectId: string, ids: string[]) {
  const rows = await getDb(d1)
    .selectFrom('surveys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .execute()
  return new Map(rows.map((r) => [r.id, surveyFromRow(r)]))
}
