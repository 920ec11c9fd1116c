// Cron work as queue tasks. A cron invocation only enqueues; each task then runs in its own
// queue invocation (the tasks queue takes one message a batch), so every bounded job keeps the
// whole D1 budget of an invocation — 50 queries on Workers Free
// (https://developers.cloudflare.com/d1/platform/limits/) — instead of sharing one.
import { z } from 'zod'
import { WEBHOOK_LIMITS } from '../schema/constants'
import { controlDb } from './db/resolve'
import { continueAllRebuilds } from './db/rebuild'
import { deleteExpiredSessions } from './db/sessions'
import { deleteExpiredUserSessions } from './db/user-sessions'
import { deleteExpiredPasskeyChallenges } from './db/passkeys'
import { purgeDeliveries } from './db/webhook-deliveries'
import { enqueueDueSends } from './email/due'
import { planProgramSends } from './email/plan-programs'
import type { Env } from './env'
import { purgeHelpdesk, sweepJobs } from './helpdesk/sweep'
import { assignFollowUps } from './loop/assign'
import { weeklyDigest } from './loop/digest'
import { escalateOverdue } from './loop/escalate'
import { runHousekeeping } from './services/retention'
import { sweepOutbox } from './webhooks/outbox'

/** What the every-minute cron starts, and what the daily one starts. */
export const MINUTE_TASKS = ['sweeps', 'email-due', 'email-plan', 'follow-ups'] as const
export const DAILY_TASKS = ['housekeeping', 'digest'] as const

export const TaskMessage = z.object({
  task: z.enum([...MINUTE_TASKS, ...DAILY_TASKS]),
  /** The cron's scheduled time: every task of one run works with the same clock. */
  at: z.iso.datetime(),
})
export type TaskMessage = z.infer<typeof TaskMessage>
export type TaskName = TaskMessage['task']

const RUNS: Record<TaskName, (env: Env, now: Date) => Promise<Record<string, unknown>>> = {
  // Undelivered webhooks and help-desk jobs back onto the queue; property rollups still
  // rebuilding after a change of segment keys, a bounded chunk a minute.
  async sweeps(env, now) {
    return {
      webhooks: await sweepOutbox(env, now),
      helpdesk: await sweepJobs(env, now),
      rebuilt: (await continueAllRebuilds(controlDb(env))).surveys,
    }
  },
  // Due survey emails onto the outbound queue (worker/email/due.ts).
  'email-due': async (env, now) => enqueueDueSends({ db: controlDb(env), env, now }),
  // Relationship programs: tomorrow's sends (worker/email/plan-programs.ts).
  'email-plan': async (env, now) => ({
    ...(await planProgramSends({ db: controlDb(env), env, now })),
  }),
  // The closed loop: owners and deadlines for new follow-ups, then escalation of overdue ones.
  async 'follow-ups'(env, now) {
    const loop = { db: controlDb(env), env, now }
    return { ...(await assignFollowUps(loop)), ...(await escalateOverdue(loop)) }
  },
  // Retention, old impressions and links, delivery logs, expired sessions.
  async housekeeping(env, now) {
    const db = controlDb(env)
    const logBefore = new Date(now.getTime() - WEBHOOK_LIMITS.logRetentionMs).toISOString()
    return {
      ...(await runHousekeeping(db, now)),
      webhookDeliveries: await purgeDeliveries(db, logBefore),
      ...(await purgeHelpdesk(env, now)),
      sessions: await deleteExpiredSessions(db, now.toISOString()),
      userSessions: await deleteExpiredUserSessions(db, now.toISOString()),
      passkeyChallenges: await deleteExpiredPasskeyChallenges(db, now.toISOString()),
    }
  },
  // The weekly digest: the first daily run of a week sends it (once per project and week).
  digest: async (env, now) => weeklyDigest({ db: controlDb(env), env, now }),
}

/** Runs one task; what it did goes to the log (counts only, nothing personal). */
export async function runTask(message: TaskMessage, env: Env) {
  const done = await RUNS[message.task](env, new Date(message.at))
  console.log('task', message.task, done)
  return done
}

/** The tasks queue's consumer: a malformed message is dropped, a failed task retried. */
export async function consumeTasks(batch: MessageBatch<unknown>, env: Env) {
  for (const m of batch.messages) {
    const parsed = TaskMessage.safeParse(m.body)
    if (!parsed.success) {
      console.error('tasks: dropping an unknown message', m.id)
      m.ack()
      continue
    }
    try {
      await runTask(parsed.data, env)
      m.ack()
    } catch (err) {
      console.error('tasks: failed, to be retried', parsed.data.task, err)
      m.retry()
    }
  }
}
