import { env } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { consumeTasks, DAILY_TASKS, MINUTE_TASKS } from '../../worker/tasks'
import { DAILY_CRON, enqueuedTasks, MINUTE_CRON } from './cron-helpers'

const metadata = { metrics: { backlogCount: 0, backlogBytes: 0 } }

function message(body: unknown) {
  return {
    id: crypto.randomUUID(),
    timestamp: new Date(),
    attempts: 1,
    body,
    ack: vi.fn(),
    retry: vi.fn(),
  }
}

describe('cron tasks', () => {
  it('the every-minute cron only enqueues its tasks, all with the cron’s own time', async () => {
    const at = Date.parse('2027-01-04T08:00:00Z')
    const sent = await enqueuedTasks(MINUTE_CRON, at)
    expect(sent.map((m) => m.task)).toEqual([...MINUTE_TASKS])
    expect(new Set(sent.map((m) => m.at))).toEqual(new Set([new Date(at).toISOString()]))
  })

  it('the daily cron enqueues housekeeping and the digest', async () => {
    const sent = await enqueuedTasks(DAILY_CRON, Date.now())
    expect(sent.map((m) => m.task)).toEqual([...DAILY_TASKS])
  })

  it('the consumer runs a task and acks it, drops a malformed message, retries a failing one', async () => {
    const ok = message({ task: 'email-due', at: new Date().toISOString() })
    const junk = message({ task: 'rm -rf', at: 'yesterday' })
    const failing = message({ task: 'sweeps', at: new Date().toISOString() })
    await consumeTasks(
      {
        queue: 'kundepuls-tasks',
        messages: [ok, junk],
        ackAll: vi.fn(),
        retryAll: vi.fn(),
        metadata,
      },
      env,
    )
    expect(ok.ack).toHaveBeenCalledOnce()
    expect(junk.ack).toHaveBeenCalledOnce()
    expect(ok.retry).not.toHaveBeenCalled()
    // A database that throws: the task is retried, not acked.
    const broken = new Proxy(env.DB, {
      get: () => {
        throw new Error('D1 unavailable')
      },
    })
    await consumeTasks(
      {
        queue: 'kundepuls-tasks',
        messages: [failing],
        ackAll: vi.fn(),
        retryAll: vi.fn(),
        metadata,
      },
      { ...env, DB: broken },
    )
    expect(failing.retry).toHaveBeenCalledOnce()
    expect(failing.ack).not.toHaveBeenCalled()
  })
})
