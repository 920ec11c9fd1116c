// The crons (wrangler.toml [triggers]): housekeeping that no request should wait for.
import { WEBHOOK_LIMITS } from '../schema/constants'
import { purgeDeliveries } from './db/webhook-deliveries'
import type { Env } from './env'
import { runHousekeeping } from './services/retention'
import { sweepOutbox } from './webhooks/outbox'
import { purgeHelpdesk, sweepJobs } from './helpdesk/sweep'

export { INVITATION_GRACE_MS } from './services/retention'

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
  const done = await runHousekeeping(env.DB, now)
  const logBefore = new Date(now.getTime() - WEBHOOK_LIMITS.logRetentionMs).toISOString()
  console.log('housekeeping', {
    ...done,
    webhookDeliveries: await purgeDeliveries(env.DB, logBefore),
    ...(await purgeHelpdesk(env, now)),
  })
}
