// The crons (wrangler.toml [triggers]): housekeeping that no request should wait for.
import { DAY_MS, WEBHOOK_LIMITS } from '../schema/constants'
import { deleteExpiredInvitations } from './db/invitations'
import { purgeDeliveries } from './db/webhook-deliveries'
import type { Env } from './env'
import { sweepOutbox } from './webhooks/outbox'
import { purgeHelpdesk, sweepJobs } from './helpdesk/sweep'

/**
 * Invitations hold an email address and properties, so they should not outlive their use. They
 * are kept 90 days past expiry: until then an old link still gets the friendly "expired" page
 * (410), which needs the row to verify the token; after that it is simply unknown (404).
 */
export const INVITATION_GRACE_MS = 90 * DAY_MS

export async function purgeExpired(env: Env, now: Date) {
  const before = new Date(now.getTime() - INVITATION_GRACE_MS).toISOString()
  return { invitations: await deleteExpiredInvitations(env.DB, before) }
}

/** The webhook outbox sweep runs every minute; everything else once a day. */
export const OUTBOX_SWEEP_CRON = '* * * * *'

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const now = new Date(controller.scheduledTime)
  if (controller.cron === OUTBOX_SWEEP_CRON) {
    const requeued = await sweepOutbox(env, now)
    if (requeued) console.log('webhooks: re-enqueued', requeued)
    const jobs = await sweepJobs(env, now)
    if (jobs) console.log('helpdesk: re-enqueued', jobs)
    return
  }
  const purged = await purgeExpired(env, now)
  const logBefore = new Date(now.getTime() - WEBHOOK_LIMITS.logRetentionMs).toISOString()
  console.log('purged', {
    ...purged,
    webhookDeliveries: await purgeDeliveries(env.DB, logBefore),
    ...(await purgeHelpdesk(env, now)),
  })
}
