// Queries on webhook_deliveries: the outbox rows the triggers of 0008 write, the consumer's
// claim and bookkeeping, the relay and the sweep that put them on the queue, and the log.
import type { Delivery } from '../../schema/webhook'
import { paginate, type CursorKey } from '../lib/cursor'
import { getDb, toStatement } from './client'
import type { WebhookDeliveryRow } from './types'

/** The Standard Webhooks message id: one per event and endpoint, the same on every retry. */
export const webhookId = (deliveryId: string) => `msg_${deliveryId}`

export function deliveryFromRow(r: WebhookDeliveryRow): Delivery {
  return {
    id: webhookId(r.id),
    event: r.event_type,
    responseId: r.response_id,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  }
}

const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString()

/**
 * Takes a pending, due delivery for one attempt: nobody else attempts it until the lease ends.
 * A message for a row that is done, not yet due (a duplicate) or leased gets undefined.
 */
export function claimDelivery(d1: D1Database, id: string, now: string, leaseMs: number) {
  return (
    getDb(d1)
      .updateTable('webhook_deliveries')
      .set({ leased_until: ms(now, leaseMs) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      // Two seconds of slack: the queue's delay timer and our clock need not agree to the millisecond.
      .where('next_attempt_at', '<=', ms(now, 2000))
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
      .returningAll()
      .executeTakeFirst()
  )
}

export interface AttemptRecord {
  attempts: number
  lastStatus: number | null
  lastError: string | null
}

/** Statement: the attempt succeeded. */
export const deliveredStatement = (d1: D1Database, id: string, at: string, a: AttemptRecord) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_deliveries')
      .set({
        status: 'delivered',
        attempts: a.attempts,
        last_status: a.lastStatus,
        last_error: null,
        delivered_at: at,
        next_attempt_at: null,
        leased_until: null,
      })
      .where('id', '=', id),
  )

/** Statement: the attempt failed and another is due at `next`. */
export const retryStatement = (
  d1: D1Database,
  id: string,
  at: string,
  next: string,
  a: AttemptRecord,
) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_deliveries')
      .set({
        attempts: a.attempts,
        last_status: a.lastStatus,
        last_error: a.lastError,
        next_attempt_at: next,
        queued_at: at,
        leased_until: null,
      })
      .where('id', '=', id),
  )

/** Statement: no more attempts. `a` records the last one, if one was made. */
export const failedStatement = (d1: D1Database, id: string, error: string, a?: AttemptRecord) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_deliveries')
      .set({
        status: 'failed',
        ...(a ? { attempts: a.attempts, last_status: a.lastStatus } : {}),
        last_error: error.slice(0, 1000),
        next_attempt_at: null,
        leased_until: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending'),
  )

/** Statement: an endpoint was disabled; what it still had pending will not be sent. */
export const failPendingOfEndpoint = (d1: D1Database, endpointId: string, error: string) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: error, next_attempt_at: null, leased_until: null })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending'),
  )

export async function failDelivery(d1: D1Database, id: string, error: string) {
  await failedStatement(d1, id, error).run()
}

export async function insertDelivery(d1: D1Database, row: WebhookDeliveryRow) {
  await getDb(d1).insertInto('webhook_deliveries').values(row).execute()
}

/**
 * The relay after a write: claims for enqueueing the rows the triggers just wrote (never
 * attempted, never queued, due within the last minute). Older ones are the sweep's.
 */
export async function takeFreshDeliveries(d1: D1Database, now: string, graceMs: number) {
  const rows = await getDb(d1)
    .updateTable('webhook_deliveries')
    .set({ queued_at: now })
    .where('status', '=', 'pending')
    .where('next_attempt_at', '>', ms(now, -graceMs))
    .where('next_attempt_at', '<=', ms(now, 5000))
    .where('queued_at', 'is', null)
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/**
 * The sweep: pending rows more than `graceMs` past due that nobody holds, i.e. whose queue
 * message was never sent or got lost. They become due now and are re-enqueued.
 */
export async function takeOverdueDeliveries(
  d1: D1Database,
  now: string,
  graceMs: number,
  limit: number,
) {
  const rows = await getDb(d1)
    .updateTable('webhook_deliveries')
    .set({ queued_at: now, next_attempt_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', ms(now, -graceMs))
        .where((w) => w.or([w('leased_until', 'is', null), w('leased_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(limit),
    )
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/** One page of an endpoint's log, newest first by (created_at, id). */
export async function listDeliveries(
  d1: D1Database,
  projectId: string,
  endpointId: string,
  f: { status?: WebhookDeliveryRow['status']; after?: CursorKey; limit: number },
) {
  let q = getDb(d1)
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('project_id', '=', projectId)
  if (f.status) q = q.where('status', '=', f.status)
  if (f.after) {
    const { createdAt, id } = f.after
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
    .limit(f.limit + 1)
    .execute()
  return paginate(rows, f.limit, (r) => ({ createdAt: r.created_at, id: r.id }))
}

/** Daily housekeeping: finished log rows older than `before`. */
/** Deletes at most `limit` finished log rows older than `before` (bounded work per cron run). */
export async function purgeDeliveries(d1: D1Database, before: string, limit = 10_000) {
  const r = await d1
    .prepare(
      `DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries
        WHERE status <> 'pending' AND created_at < ? LIMIT ?)`,
    )
    .bind(before, limit)
    .run()
  return r.meta.changes ?? 0
}
