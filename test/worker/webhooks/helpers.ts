// Helpers of the webhook tests: endpoints through the real API, a recording stand-in for the
// network (the receiver), and a hand-driven consumer run with a clock the test moves.
import { env } from 'cloudflare:test'
import { expect, vi } from 'vitest'
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../../schema/constants'
import type { PublicResponseInput } from '../../../schema/response'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import type { Env } from '../../../worker/env'
import { consumeBatch } from '../../../worker/outbound/consumer'
import type { OutboundDeps, OutboundMessage } from '../../../worker/outbound/messages'
import { recordAnswer } from '../../../worker/services/answers'
import { call, uuid } from '../helpers'

export async function createHook(secretKey: string, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/webhooks', {
    token: secretKey,
    body: { url: 'https://hooks.example.com/kp', events: ['response.created'], ...body },
  })
  expect(res.status, res.text).toBe(201)
  return res.json as { id: string; secret?: string; url: string; [k: string]: unknown }
}

export interface Received {
  url: string
  headers: Record<string, string>
  body: string
}

/** A receiver: records every request and answers with what `reply` says (default 200). */
export function receiver(
  reply: (n: number, r: Received) => Response | Promise<Response> = () => new Response('ok'),
) {
  const got: Received[] = []
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    const r: Received = {
      url: input,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: String(init.body),
    }
    got.push(r)
    return reply(got.length, r)
  })
  return { got, fetch }
}

/** A clock the test moves by hand. */
export function clock(start = Date.now()) {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), at: () => t }
}

export function deps(over: Partial<OutboundDeps> & Pick<OutboundDeps, 'fetch'>): OutboundDeps {
  return {
    now: () => new Date(),
    timeoutMs: 10_000,
    schedule: WEBHOOK_RETRY_SCHEDULE_S,
    allowLocal: false,
    ...over,
  }
}

/**
 * Stores an answer straight through the answer service, bypassing HTTP: the triggers write the
 * outbox rows, but no relay enqueues them, so the test alone decides when the consumer runs.
 */
export async function storeAnswer(
  surveyId: string,
  input: Partial<PublicResponseInput> = {},
  channel: 'widget' | 'import' = 'widget',
) {
  const target = await findSurveyForAnswer(env.DB, surveyId)
  if (!target) throw new Error('no such survey')
  return recordAnswer(
    env.DB,
    target,
    { id: uuid(), surveyId, score: 2, ...input },
    {
      channel,
      now: new Date(),
    },
  )
}

/**
 * Runs the consumer on these delivery ids as the queue would, and returns what it decided.
 * (A hand-made batch: the pool's getQueueResult does not report retry delays.)
 */
export async function consume(
  ids: string[],
  d: OutboundDeps,
  queue = 'kundepuls-outbound',
  bindings: Env = env,
) {
  const explicitAcks: string[] = []
  const retryMessages: { msgId: string; delaySeconds?: number }[] = []
  const messages: Message<unknown>[] = ids.map((deliveryId, i) => ({
    id: `m${i}-${deliveryId}`,
    timestamp: new Date(),
    attempts: 1,
    body: { kind: 'webhook', deliveryId },
    ack: () => void explicitAcks.push(`m${i}-${deliveryId}`),
    retry: (o?: QueueRetryOptions) =>
      void retryMessages.push({ msgId: `m${i}-${deliveryId}`, delaySeconds: o?.delaySeconds }),
  }))
  const batch: MessageBatch<unknown> = {
    queue,
    messages,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => messages.forEach((m) => m.ack()),
    retryAll: (o) => messages.forEach((m) => m.retry(o)),
  }
  await consumeBatch(batch, bindings, d)
  return { explicitAcks, retryMessages }
}

export interface DeliveryRowT {
  id: string
  endpoint_id: string
  event_type: string
  response_id: string | null
  status: string
  attempts: number
  last_status: number | null
  last_error: string | null
  next_attempt_at: string | null
  created_at: string
}

export async function deliveriesOf(endpointId: string): Promise<DeliveryRowT[]> {
  const { results } = await env.DB.prepare(
    'SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at, id',
  )
    .bind(endpointId)
    .all<DeliveryRowT>()
  return results
}

export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 8000) {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A queue binding whose sends fail, or that records what is sent. */
export function queueStub(fail = false) {
  const sent: OutboundMessage[] = []
  const metrics = { backlogCount: 0, backlogBytes: 0 }
  const check = () => {
    if (fail) throw new Error('queue unavailable')
  }
  const queue: Queue<OutboundMessage> = {
    metrics: async () => metrics,
    send: async (body) => {
      check()
      sent.push(body)
      return { metadata: { metrics } }
    },
    sendBatch: async (msgs) => {
      check()
      for (const m of msgs) sent.push(m.body)
      return { metadata: { metrics } }
    },
  }
  return { sent, queue }
}
