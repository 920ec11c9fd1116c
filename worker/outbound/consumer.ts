// The queue consumer (exported as `queue` from worker/index.ts) for the outbound queue and its
// dead-letter queue: parses each message, hands it to the handler of its kind and applies the
// outcome (ack, retry with a delay, or dead-letter).
import { WEBHOOK_LIMITS } from '../../schema/constants'
import type { Env } from '../env'
import { allowLocalTargets } from '../lib/outbound-url'
import { webhookHandler } from '../webhooks/deliver'
import { helpdeskHandler } from '../helpdesk/job'
import { emailSendHandler } from '../email/send'
import { consumeTasks } from '../tasks'
import { OutboundMessage, type OutboundDeps, type OutboundHandler } from './messages'
import { parseSchedule } from './retry'

/** wrangler.toml names; the dead-letter queue is the outbound queue's name plus this suffix. */
export const DEAD_LETTER_SUFFIX = '-dlq'

export const defaultDeps = (env: Env): OutboundDeps => ({
  // Looked up at call time, so a test's spy on globalThis.fetch is the one used.
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
  timeoutMs: WEBHOOK_LIMITS.timeoutMs,
  schedule: parseSchedule(env.WEBHOOK_RETRY_SCHEDULE),
  allowLocal: allowLocalTargets(env),
})

function handlerFor(msg: OutboundMessage): OutboundHandler<OutboundMessage> {
  switch (msg.kind) {
    case 'webhook':
      return webhookHandler
    case 'helpdesk':
      return helpdeskHandler
    case 'email-send':
      return emailSendHandler
  }
}

async function consumeOne(m: Message<unknown>, dead: boolean, env: Env, deps: OutboundDeps) {
  const parsed = OutboundMessage.safeParse(m.body)
  if (!parsed.success) {
    console.error('outbound: dropping an unknown message', m.id)
    return m.ack()
  }
  const handler = handlerFor(parsed.data)
  if (dead) {
    await handler.dead(parsed.data, env, deps)
    return m.ack()
  }
  const outcome = await handler.attempt(parsed.data, env, deps)
  if (outcome.type === 'retry') return m.retry({ delaySeconds: outcome.delaySeconds })
  if (outcome.type === 'dead') {
    // The handler has already logged the failure; the dead-letter queue keeps the message for
    // inspection. A failed send loses nothing recorded, so it does not hold the message back.
    await env.OUTBOUND_DLQ.send(parsed.data).catch((err) =>
      console.error('outbound: dead-letter send failed', m.id, err),
    )
  }
  m.ack()
}

export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, deps: OutboundDeps) {
  const dead = batch.queue.endsWith(DEAD_LETTER_SUFFIX)
  await Promise.all(
    batch.messages.map((m) =>
      consumeOne(m, dead, env, deps).catch((err) => {
        // A crash (D1 unavailable, a bug): let the queue retry it; past max_retries it lands in
        // the dead-letter queue, whose handler logs the delivery as failed.
        console.error('outbound: handler failed', m.id, err)
        m.retry()
      }),
    ),
  )
}

/** The tasks queue (cron work, worker/tasks.ts) by name; every other queue is outbound. */
export const TASKS_QUEUE = 'kundepuls-tasks'

export const queue: ExportedHandlerQueueHandler<Env> = (batch, env) =>
  batch.queue === TASKS_QUEUE
    ? consumeTasks(batch, env)
    : consumeBatch(batch, env, defaultDeps(env))
