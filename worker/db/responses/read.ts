// Reads of answers for the manager API and the hosted survey page, and the row → API mapping.
import { DAY_MS } from '../../../schema/constants'
import { categoriesOf } from '../../../schema/scoring'
import type { Response, ResponseListQuery } from '../../../schema/response'
import { paginate } from '../../lib/cursor'
import { getDb } from '../client'
import type { ResponseRow } from '../types'

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
    linkChannel: r.link_channel,
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

/** One answer of this project by its id; undefined when there is none (or another project's). */
export async function findResponse(d1: D1Database, projectId: string, id: string) {
  const row = await getDb(d1)
    .selectFrom('responses')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  return row && responseFromRow(row as ResponseRow)
}

/** A sort key of the answer list: (created_at, id), newest first. */
export interface ListKey {
  createdAt: string
  id: string
}

export interface Page {
  /** Start after this answer (a cursor). */
  after?: ListKey
  /** End with this answer, inclusive (the last answer of a bounded CSV part). */
  until?: ListKey
  limit: number
}

/** The first instant after a UTC day: '2026-11-23' → '2026-11-24T00:00:00.000Z'. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString()
}

/** Answers matching the manager's filters (one survey or all), between the page's bounds, newest first. */
function filtered(d1: D1Database, projectId: string, f: ResponseFilter, page: Omit<Page, 'limit'>) {
  let q = getDb(d1).selectFrom('responses').where('project_id', '=', projectId)
  if (f.surveyId !== undefined) q = q.where('survey_id', '=', f.surveyId)
  // answered_at is ISO text, so a day window is a text range (timestamps sort as text).
  if (f.from) q = q.where('answered_at', '>=', `${f.from}T00:00:00.000Z`)
  if (f.to) q = q.where('answered_at', '<', dayAfter(f.to))
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  if (f.category !== undefined) q = q.where('category', '=', f.category)
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId)
  if (f.polarity !== undefined) q = q.where('category', 'in', categoriesOf(f.polarity))
  // Pending: never touched (NULL) or reopened; `<> 'closed'` alone would drop the NULLs.
  if (f.followUp === 'pending')
    q = q.where((eb) => eb.or([eb('follow_up', 'is', null), eb('follow_up', '=', 'open')]))
  else if (f.followUp !== undefined) q = q.where('follow_up', '=', f.followUp)
  const { after, until } = page
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    )
  }
  if (until) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '>', until.createdAt),
        eb.and([eb('created_at', '=', until.createdAt), eb('id', '>=', until.id)]),
      ]),
    )
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc')
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
  const rows = await filtered(d1, projectId, f, page)
    .selectAll()
    .limit(page.limit + 1)
    .execute()
  const p = paginate(rows, page.limit, (r) => ({ createdAt: r.created_at, id: r.id }))
  return { ...p, rows: p.rows.map((r) => responseFromRow(r as ResponseRow)) }
}

/**
 * Where a part of at most `size` answers starting after `after` ends: the key of its last answer
 * when more follow, null when the part holds all the rest. One read of `size` index entries.
 */
export async function findPartEnd(
  d1: D1Database,
  projectId: string,
  f: ResponseFilter,
  after: ListKey | undefined,
  size: number,
): Promise<ListKey | null> {
  const rows = await filtered(d1, projectId, f, { after })
    .select(['created_at', 'id'])
    .limit(2)
    .offset(size - 1)
    .execute()
  return rows.length === 2 ? { createdAt: rows[0].created_at, id: rows[0].id } : null
}

/** The answer already given through an invitation, to show it again when the link is reopened. */
export async function findLinkAnswer(d1: D1Database, surveyId: string, answerId: string) {
  return getDb(d1)
    .selectFrom('responses')
    .select(['score', 'reason', 'contact_consent'])
    .where('id', '=', answerId)
    .where('survey_id', '=', surveyId)
    .executeTakeFirst()
}
