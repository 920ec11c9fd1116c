// A cron run as the platform makes it: scheduled() enqueues its tasks on the tasks queue, then
// the queue's consumer runs each alone (wrangler.toml: one message a batch). Tests capture the
// messages instead of waiting on the local queue, and run them in order with the bindings given.
import { createExecutionContext, createScheduledController, env } from 'cloudflare:test'
import type { Env } from '../../worker/env'
import worker from '../../worker/index'
import { runTask, type TaskMessage } from '../../worker/tasks'

export const DAILY_CRON = '17 3 * * *'
export const MINUTE_CRON = '* * * * *'

/** The tasks one cron run enqueues (and nothing run yet). */
export async function enqueuedTasks(cron: string, scheduledTime: number, bindings: Env = env) {
  const sent: TaskMessage[] = []
  const metrics = { backlogCount: 0, backlogBytes: 0 }
  const TASKS: Queue<TaskMessage> = {
    metrics: async () => metrics,
    send: async (body) => {
      sent.push(body)
      return { metadata: { metrics } }
    },
    sendBatch: async (msgs) => {
      for (const m of msgs) sent.push(m.body)
      return { metadata: { metrics } }
    },
  }
  const controller = createScheduledController({ scheduledTime, cron })
  await worker.scheduled!(controller, { ...bindings, TASKS }, createExecutionContext())
  return sent
}

/** One cron run, every task it starts run to its end, one after another. */
export async function runCron(cron: string, scheduledTime: number, bindings: Env = env) {
  for (const task of await enqueuedTasks(cron, scheduledTime, bindings))
    await runTask(task, bindings)
}
