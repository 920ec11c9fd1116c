// Queries on helpdesk_events: what was decided for each ticket seen, and why.
import { sql } from 'kysely'
import type { ConnectionEvent } from '../../schema/connection'
import { paginate, type CursorKey } from '../lib/cursor'
import { newId } from '../lib/ids'
import { getDb, toStatement } from './client'
import type { HelpdeskEventRow } from './types'

export type EventInput = Omit<HelpdeskEventRow, 'id' | 'created_at' | 'detail' | 'http_status'> & {
  detail?: string | null
  http_status?: number | null
}

const rowOf = (e: EventInput, at: string): HelpdeskEventRow => ({
  id: newId('hde'),
  created_at: at,
  ...e,
  detail: e.detail?.slice(0, 1000) ?? null,
  http_status: e.http_status ?? null,
})

export async function logEvent(d1: D1Database, e: EventInput, at: string) {
  await getDb(d1).insertInto('helpdesk_events').values(rowOf(e, at)).execute()
}

/** The same insert as a statement, to batch it with the job change it explains. */
export const logEventStatement = (d1: D1Database, e: EventInput, at: string) =>
  toStatement(d1, getDb(d1).insertInto('helpdesk_events').values(rowOf(e, at)))

export function eventFromRow(r: HelpdeskEventRow): ConnectionEvent {
  return {
    id: r.id,
    at: r.created_at,
    ticketId: r.ticket_id,
    outcome: r.outcome,
    reason: r.reason,
    detail: r.detail,
    httpStatus: r.http_status,
  }
}

/**
 * Newest first, keyset-paginated by (created_at, rowid): events logged in the same millisecond
 * (a skip and its cause) keep the order they were written in. The cursor's id is the rowid.
 */
export async function listEvents(
  d1: D1Database,
  connectionId: string,
  opts: { limit: number; after?: CursorKey; ticketId?: string },
) {
  let q = getDb(d1)
    .selectFrom('helpdesk_events')
    .selectAll()
    .select(sql<number>`rowid`.as('seq'))
    .where('connection_id', '=', connectionId)
  if (opts.ticketId !== undefined) q = q.where('ticket_id', '=', opts.ticketId)
  const after = opts.after
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb(sql`rowid`, '<', Number(after.id))]),
      ]),
    )
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(opts.limit + 1)
    .execute()
  return paginate(rows, opts.limit, (r) => ({ createdAt: r.created_at, id: String(r.seq) }))
}

export async function purgeEvents(d1: D1Database, before: string) {
  const r = await getDb(d1)
    .deleteFrom('helpdesk_events')
    .where('created_at', '<', before)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
