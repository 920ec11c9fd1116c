// The every-minute cron's part of the email channel: due sends onto the outbound queue. It never
// mails itself (the queue consumer does, with retries), so a slow mailer never holds the cron.
import type { Env } from '../env'
import { claimDueSends } from '../db/email-delivery'

/** A queue's sendBatch takes at most 100 messages. */
export const DUE_CHUNK = 100
/** Chunks per run: 10 claims (10 D1 queries) and 1,000 sends a minute at most. */
export const DUE_CHUNKS_PER_RUN = 10
/** A claimed send whose message was lost is claimed again after this. */
export const CLAIM_LEASE_MS = 15 * 60 * 1000

export interface CronCtx {
  db: D1Database
  env: Pick<Env, 'OUTBOUND'>
  now: Date
}

/**
 * Claims due sends in chunks through the due index and enqueues one `email-send` message each.
 * Each claim is one UPDATE … RETURNING, so two runs never take the same row; ≤ 10 D1 queries.
 */
export async function enqueueDueSends({ db, env, now }: CronCtx) {
  const at = now.toISOString()
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()
  let enqueued = 0
  for (let i = 0; i < DUE_CHUNKS_PER_RUN; i++) {
    const rows = await claimDueSends(db, at, leaseUntil, DUE_CHUNK)
    if (rows.length === 0) break
    await env.OUTBOUND.sendBatch(
      rows.map((r) => ({
        body: { kind: 'email-send' as const, projectId: r.project_id, sendId: r.id },
      })),
    )
    enqueued += rows.length
    if (rows.length < DUE_CHUNK) break
  }
  return { enqueued }
}
