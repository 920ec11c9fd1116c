// Queries on responses. The write path is one statement so that D1 applies it atomically.
import { DAY_MS, type Category } from '../../schema/constants'
import type { Response, ResponseListQuery } from '../../schema/response'
import { termsColumn } from '../lib/terms'
import { getDb } from './client'
import type { ResponseRow } from './types'

export type NewResponseRow = Omit<ResponseRow, 'follow_up' | 'note' | 'is_test'>

export type WriteOutcome = 'created' | 'updated' | 'duplicate'

const COLUMNS = [
  'id',
  'project_id',
  'survey_id',
  'kind',
  'score',
  'category',
  'touchpoint',
  'ref',
  'customer_id',
  'email',
  'reason',
  'terms',
  'contact_consent',
  'properties',
  'locale',
  'page_path',
  'channel',
  'created_at',
  'answered_at',
  'updated_at',
] as const satisfies readonly (keyof NewResponseRow)[]

// Two conflict targets (SQLite ≥ 3.35): a known id is a retry and changes nothing; a new id for
// an existing (survey, customer, ref) replaces that answer, unless it was given before it
// (an old import or a late retry must not overwrite a newer answer).
// With onSameId 'replace' (hosted survey links: the answer id is derived from the link), a known
// id of the same survey is a changed answer and replaces the stored one as well.
const SET_ANSWER = `score = excluded.score, category = excluded.category, kind = excluded.kind,
  touchpoint = excluded.touchpoint, email = coalesce(excluded.email, responses.email),
  reason = excluded.reason, terms = excluded.terms, contact_consent = excluded.contact_consent,
  properties = excluded.properties, locale = excluded.locale, page_path = excluded.page_path,
  channel = excluded.channel, answered_at = excluded.answered_at, updated_at = excluded.updated_at`

const upsertSql = (onSameId: OnSameId) => `INSERT INTO responses (${COLUMNS.join(', ')})
VALUES (${COLUMNS.map(() => '?').join(', ')})
${
  onSameId === 'ignore'
    ? 'ON CONFLICT (id) DO NOTHING'
    : `ON CONFLICT (id) DO UPDATE SET ${SET_ANSWER}
WHERE responses.survey_id = excluded.survey_id AND excluded.answered_at >= responses.answered_at`
}
ON CONFLICT (survey_id, customer_id, ref) WHERE customer_id IS NOT NULL AND ref IS NOT NULL
DO UPDATE SET ${SET_ANSWER}
WHERE ${onSameId === 'ignore' ? 'responses.id <> excluded.id AND ' : ''}excluded.answered_at >= responses.answered_at
RETURNING id, category, created_at`

export type OnSameId = 'ignore' | 'replace'
const UPSERT_SQL: Record<OnSameId, string> = {
  ignore: upsertSql('ignore'),
  replace: upsertSql('replace'),
}

export function upsertStatement(
  d1: D1Database,
  row: NewResponseRow,
  onSameId: OnSameId = 'ignore',
): D1PreparedStatement {
  return d1.prepare(UPSERT_SQL[onSameId]).bind(...COLUMNS.map((c) => row[c]))
}

export interface WriteResult {
  outcome: WriteOutcome
  id: string
  surveyId: string
  category: Category
  rowsWritten: number
}

/** Stores one answer idempotently; says whether it created, updated or repeated one. */
export async function upsertResponse(
  d1: D1Database,
  row: NewResponseRow,
  onSameId: OnSameId = 'ignore',
): Promise<WriteResult> {
  const result = await upsertStatement(d1, row, onSameId).all<
    Pick<ResponseRow, 'id' | 'category' | 'created_at'>
  >()
  const rowsWritten = result.meta.rows_written ?? 0
  const written = result.results[0]
  if (written) {
    // An updated row keeps its id and created_at; only a new row has both of this write.
    const outcome =
      written.id === row.id && written.created_at === row.created_at ? 'created' : 'updated'
    return {
      outcome,
      id: written.id,
      surveyId: row.survey_id,
      category: written.category,
      rowsWritten,
    }
  }
  const existing = await findExistingAnswer(d1, row)
  if (!existing) throw new Error('answer neither written nor found')
  return {
    outcome: 'duplicate',
    id: existing.id,
    surveyId: existing.survey_id,
    category: existing.category,
    rowsWritten,
  }
}

/** The stored answer a non-writing upsert collided with: same id first, else same ref. */
async function findExistingAnswer(d1: D1Database, row: NewResponseRow) {
  const db = getDb(d1)
  const byId = await db
    .selectFrom('responses')
    .select(['id', 'survey_id', 'category'])
    .where('id', '=', row.id)
    .executeTakeFirst()
  if (byId || row.customer_id === null || row.ref === null) return byId
  return db
    .selectFrom('responses')
    .select(['id', 'survey_id', 'category'])
    .where('survey_id', '=', row.survey_id)
    .where('customer_id', '=', row.customer_id)
    .where('ref', '=', row.ref)
    .executeTakeFirst()
}

/** Adds a reason or consent to a recent answer; `since` bounds how old it may be. */
export async function amendResponse(
  d1: D1Database,
  id: string,
  patch: { reason?: string; contactConsent?: boolean },
  since: string,
  at: string,
) {
  const set: Partial<ResponseRow> = { updated_at: at }
  const db = getDb(d1)
  if (patch.reason !== undefined) {
    set.reason = patch.reason
    // Insights hook: the terms follow the reason (the triggers move the term rollups), with the
    // stopwords of the answer's locale.
    set.terms = termsColumn(patch.reason, await answerLocale(d1, id))
  }
  if (patch.contactConsent !== undefined) set.contact_consent = patch.contactConsent ? 1 : 0
  const updated = await db
    .updateTable('responses')
    .set(set)
    .where('id', '=', id)
    .where('answered_at', '>=', since)
    .returning(['id', 'category'])
    .executeTakeFirst()
  if (updated) return { status: 'amended' as const, ...updated }
  const exists = await db
    .selectFrom('responses')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()
  return { status: exists ? ('expired' as const) : ('missing' as const) }
}

/** The locale an answer was given in (its reason's language), or null. */
export async function answerLocale(d1: D1Database, id: string) {
  const row = await getDb(d1)
    .selectFrom('responses')
    .select('locale')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.locale ?? null
}

export function responseFromRow(r: ResponseRow): Response {
  return {
    id: r.id,
    surveyId: r.survey_id,
    kind: r.kind,
    score: r.score,
    category: r.category,
    reason: r.reason,
    touchpoint: r.touchpoint,
    ref: r.ref,
    customerId: r.customer_id,
    email: r.email,
    properties: JSON.parse(r.properties),
    locale: r.locale,
    pagePath: r.page_path,
    channel: r.channel,
    contactConsent: r.contact_consent === 1,
    followUp: r.follow_up,
    note: r.note,
    test: r.is_test === 1,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    updatedAt: r.updated_at,
  }
}

/** The manager's filters of GET /v1/responses (days are inclusive UTC days of answered_at). */
export type ResponseFilter = Omit<ResponseListQuery, 'cursor' | 'limit'>

export interface Page {
  after?: { createdAt: string; id: string }
  limit: number
}

/** The first instant after a UTC day: '2026-11-23' → '2026-11-24T00:00:00.000Z'. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString()
}

/**
 * One page of a survey's answers, newest first. The order is (created_at, id), which never
 * changes for a stored answer, so a cursor resumes exactly where the previous page ended:
 * answers inserted meanwhile land before or after it, never shift a page.
 */
export async function listResponses(
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
