// The crons (wrangler.toml [triggers]): housekeeping that no request should wait for.
import { WEBHOOK_LIMITS } from '../schema/constants'
import { deleteExpiredSessions } from './db/sessions'
import { purgeDeliveries } from './db/webhook-deliveries'
import { continueAllRebuilds } from './db/rebuild'
import type { Env } from './env'
import { runHousekeeping } from './services/retention'
import { sweepOutbox } from './webhooks/outbox'
import { purgeHelpdesk, sweepJobs } from './helpdesk/sweep'
import { controlDb } from './db/resolve'
import { planProgramSends } from './email/plan-programs'

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
    // Property rollups still rebuilding after a change of segment keys: bounded chunks each
    // minute (this invocation's budget is not shared with the daily privacy jobs).
    const rebuilt = await continueAllRebuilds(controlDb(env))
    if (rebuilt.surveys) console.log('rebuilding property rollups', rebuilt)
    // Relationship programs: tomorrow's sends, a bounded chunk a minute (its own ≤ 50 queries).
    const planned = await planProgramSends({ db: controlDb(env), env, now })
    if (planned.programs) console.log('email programs planned', planned)
    return
  }
  // Cross-tenant work: it runs on the control database (worker/db/resolve.ts).
  const db = controlDb(env)
  const done = await runHousekeeping(db, now)
  const logBefore = new Date(now.getTime() - WEBHOOK_LIMITS.logRetentionMs).toISOString()
  console.log('housekeeping', {
    ...done,
    webhookDeliveries: await purgeDeliveries(db, logBefore),
    ...(await purgeHelpdesk(env, now)),
    // Dashboard sessions past their sliding expiry (one statement; lookups refuse them anyway).
    sessions: await deleteExpiredSessions(db, now.toISOString()),
  })
}
