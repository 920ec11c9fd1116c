// Housekeeping for the connectors, run by the crons: re-enqueue jobs whose queue message was lost
// (every minute), and forget old replay digests and events (daily).
import { HELPDESK_LIMITS } from '../../schema/constants'
import { purgeEvents } from '../db/helpdesk-events'
import { purgeSeen } from '../db/helpdesk-inbound-seen'
import { overdueJobs } from '../db/helpdesk-jobs'
import type { Env } from '../env'
import { controlDb } from '../db/resolve'

/** A due job nobody has picked up for this long is re-enqueued. */
const GRACE_MS = 60_000
const SWEEP_LIMIT = 100

export async function sweepJobs(env: Env, now: Date): Promise<number> {
  const ids = await overdueJobs(controlDb(env), now, GRACE_MS, SWEEP_LIMIT)
  // A duplicate message is harmless: a job is claimed under a lease, once.
  if (ids.length)
    await env.OUTBOUND.sendBatch(
      ids.map((jobId) => ({ body: { kind: 'helpdesk' as const, jobId } })),
    )
  return ids.length
}

export async function purgeHelpdesk(env: Env, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()
  return {
    helpdeskSeen: await purgeSeen(controlDb(env), ago(HELPDESK_LIMITS.seenRetentionMs)),
    helpdeskEvents: await purgeEvents(controlDb(env), ago(HELPDESK_LIMITS.eventRetentionMs)),
  }
}
