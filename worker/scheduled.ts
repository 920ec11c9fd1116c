// The crons (wrangler.toml [triggers]): housekeeping that no request should wait for. A cron
// only enqueues its tasks (worker/tasks.ts); each runs in its own queue invocation with its
// own D1 budget, so adding a job never eats into another's.
import type { Env } from './env'
import { DAILY_TASKS, MINUTE_TASKS, type TaskMessage } from './tasks'

export { INVITATION_GRACE_MS } from './services/retention'

/** The webhook outbox sweep (and the other minute tasks) every minute; the rest once a day. */
export const OUTBOX_SWEEP_CRON = '* * * * *'

/** The tasks a cron expression starts. */
export const tasksOf = (cron: string) => (cron === OUTBOX_SWEEP_CRON ? MINUTE_TASKS : DAILY_TASKS)

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const at = new Date(controller.scheduledTime).toISOString()
  const tasks = tasksOf(controller.cron)
  await env.TASKS.sendBatch(tasks.map((task) => ({ body: { task, at } satisfies TaskMessage })))
}
