// Moving outbox rows onto the queue. The rows themselves are written by triggers with the answer
// (schema/migrations/0008_webhooks.sql), so nothing here can lose an event: a failed send leaves
// the row pending, and the sweep (every minute) re-enqueues whatever is past due and unattended.
import { WEBHOOK_LIMITS } from '../../schema/constants'
import { takeFreshDeliveries, takeOverdueDeliveries } from '../db/webhook-deliveries'
import type { Env } from '../env'
import { controlDb } from '../db/resolve'

/** Queues.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100
/** Rows one sweep re-enqueues; the rest wait for the next minute. */
const SWEEP_LIMIT = 500

async function enqueue(env: Env, ids: string[]) {
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    const chunk = ids.slice(i, i + SEND_BATCH)
    await env.OUTBOUND.sendBatch(
      chunk.map((deliveryId) => ({ body: { kind: 'webhook' as const, deliveryId } })),
    )
  }
}

/** After a write: enqueue the deliveries its triggers just created. Never throws. */
export async function relayOutbox(env: Env, now: Date): Promise<number> {
  try {
    const ids = await takeFreshDeliveries(
      controlDb(env),
      now.toISOString(),
      WEBHOOK_LIMITS.sweepGraceMs,
    )
    if (ids.length) await enqueue(env, ids)
    return ids.length
  } catch (err) {
    // The rows stay pending: the sweep sends them once they are a minute overdue.
    console.error('webhooks: relay failed; the sweep will retry', err)
    return 0
  }
}

/** The cron sweep: re-enqueue pending deliveries nobody picked up. */
export async function sweepOutbox(env: Env, now: Date): Promise<number> {
  const ids = await takeOverdueDeliveries(
    controlDb(env),
    now.toISOString(),
    WEBHOOK_LIMITS.sweepGraceMs,
    SWEEP_LIMIT,
  )
  if (ids.length) await enqueue(env, ids)
  return ids.length
}
