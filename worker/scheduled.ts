// The crons (wrangler.toml [triggers]): housekeeping that no request should wait for.
import { WEBHOOK_LIMITS } from '../schema/constants'
import { deleteExpiredSessions } from './db/sessions'
import { deleteExpiredUserSessions } from './db/user-sessions'
import { purgeDeliveries } from './db/webhook-deliveries'
import { continueAllRebuilds } from './db/rebuild'
import type { Env } from './env'
import { runHousekeeping } from './services/retention'
import { sweepOutbox } from './webhooks/outbox'
import { purgeHelpdesk, sweepJobs } from './helpdesk/sweep'
import { controlDb } from './db/resolve'
import { enqueueDueSends } from './email/due'
import { assignFollowUps } from './loop/assign'
import { escalateOverdue } from './loop/escalate'
import { weeklyDigest } from './loop/digest'
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
    // Due survey emails onto the queue (bounded: ≤ 10 D1 queries, worker/email/due.ts).
    const due = await enqueueDueSends({ db: controlDb(env), env, now })
    if (due.enqueued) console.log('email: enqueued due sends', due.enqueued)
    // The closed loop: owners and deadlines for new follow-ups, then escalation of overdue ones
    // (each a bounded chunk of one database's work: worker/loop/assign.ts, escalate.ts).
    const loop = { db: controlDb(env), env, now }
    const assigned = await assignFollowUps(loop)
    const escalated = await escalateOverdue(loop)
    if (assigned.assigned || escalated.step1 || escalated.step2)
      console.log('closed loop', { assigned: assigned.assigned, ...escalated })
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
    // People's sessions past their sliding expiry, likewise one statement.
    userSessions: await deleteExpiredUserSessions(db, now.toISOString()),
  })
  // The weekly digest: the first daily run of a week sends it (once per project and week).
  console.log('digest', await weeklyDigest({ db, env, now }))
}
