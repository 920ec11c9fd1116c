// Helpers of the connector tests: connections through the real API, inbound calls signed the
// way each help desk signs them (node:crypto, independent of the worker's WebCrypto code), and
// a hand-driven consumer with a clock the test moves.
import { env } from 'cloudflare:test'
import { createHmac } from 'node:crypto'
import { expect } from 'vitest'
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../../schema/constants'
import type { Env } from '../../../worker/env'
import { consumeBatch } from '../../../worker/outbound/consumer'
import type { OutboundDeps } from '../../../worker/outbound/messages'
import { receiveInbound } from '../../../worker/services/inbound'
import { call, setup } from '../helpers'
import { queueStub } from '../webhooks/helpers'

export const ZENDESK_SECRET = 'dGhpcy1pcy1hLXplbmRlc2stc2lnbmluZy1zZWNyZXQ='

/** Zendesk: base64(HMAC-SHA256(secret, timestamp + body)). */
export function zendeskHeaders(body: string, secret = ZENDESK_SECRET, at = new Date()) {
  const ts = at.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const sig = createHmac('sha256', secret)
    .update(ts + body)
    .digest('base64')
  return {
    'x-zendesk-webhook-signature': sig,
    'x-zendesk-webhook-signature-timestamp': ts,
    'content-type': 'application/json',
  }
}

/** Help Scout: base64(HMAC-SHA1(secret, body)), the event in X-HelpScout-Event. */
export function helpscoutHeaders(body: string, secret: string, event = 'convo.status') {
  return {
    'x-helpscout-signature': createHmac('sha1', secret).update(body).digest('base64'),
    'x-helpscout-event': event,
    'content-type': 'application/json',
  }
}

export const freshdeskHeaders = (secret: string) => ({
  'x-kundepuls-secret': secret,
  'content-type': 'application/json',
})

/** Our Zendesk trigger body, as Zendesk renders the placeholders. */
export const zendeskBody = (ticketId: number, extra: Record<string, string> = {}) =>
  JSON.stringify({
    ticketId: String(ticketId),
    requesterId: String(500 + ticketId),
    email: `customer${ticketId}@example.com`,
    tags: 'billing vip',
    status: 'Solved',
    via: 'Mail',
    ...extra,
  })

export interface Made {
  id: string
  inboundSecret?: string
  inboundUrl: string
  [k: string]: unknown
}

export async function connect(
  kind: 'zendesk' | 'freshdesk' | 'helpscout',
  over: Record<string, unknown> = {},
  surveyBody: Record<string, unknown> = {},
) {
  const { project, survey } = await setup({ throttleDays: 90, ...surveyBody })
  const body = {
    zendesk: {
      kind,
      baseUrl: 'https://acme.zendesk.com',
      credentials: { email: 'agent@acme.example', apiToken: 'zd-token-123' },
      signingSecret: ZENDESK_SECRET,
    },
    freshdesk: {
      kind,
      baseUrl: 'https://acme.freshdesk.com',
      credentials: { apiKey: 'fd-key-abc' },
    },
    helpscout: {
      kind,
      baseUrl: 'https://api.helpscout.net',
      credentials: { appId: 'hs-app-id', appSecret: 'hs-app-secret' },
    },
  }[kind]
  const res = await call('POST', '/v1/connections', {
    token: project.secretKey,
    body: { surveyId: survey.id, rules: { delayMinutes: 0 }, ...body, ...over },
  })
  expect(res.status, res.text).toBe(201)
  return { project, survey, conn: res.json as Made }
}

/** POSTs an inbound call through the worker (rate limit, body limit, route, service). */
export const inbound = (connId: string, body: string, headers: Record<string, string>) =>
  call('POST', `/v1/inbound/${connId}`, { raw: body, headers })

/** The inbound service with a recording queue, so the test alone decides when jobs run. */
export async function receive(
  connId: string,
  body: string,
  headers: Record<string, string>,
  now = new Date(),
) {
  const q = queueStub()
  const h = new Headers(headers)
  const result = await receiveInbound(
    { ...env, OUTBOUND: q.queue },
    connId,
    body,
    (n) => h.get(n) ?? undefined,
    now,
  )
  return { result, jobIds: q.sent.flatMap((m) => (m.kind === 'helpdesk' ? [m.jobId] : [])) }
}

export function deskDeps(fetch: OutboundDeps['fetch'], over: Partial<OutboundDeps> = {}) {
  return {
    fetch,
    now: () => new Date(),
    timeoutMs: 10_000,
    schedule: WEBHOOK_RETRY_SCHEDULE_S,
    allowLocal: false,
    ...over,
  } satisfies OutboundDeps
}

/** Runs the consumer on these jobs as the queue would; returns the acks and retry delays. */
export async function runJobs(ids: string[], d: OutboundDeps, bindings: Env = env) {
  const acks: string[] = []
  const retries: (number | undefined)[] = []
  const messages: Message<unknown>[] = ids.map((jobId, i) => ({
    id: `m${i}-${jobId}`,
    timestamp: new Date(),
    attempts: 1,
    body: { kind: 'helpdesk', jobId },
    ack: () => void acks.push(jobId),
    retry: (o?: QueueRetryOptions) => void retries.push(o?.delaySeconds),
  }))
  const batch: MessageBatch<unknown> = {
    queue: 'kundepuls-outbound',
    messages,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => messages.forEach((m) => m.ack()),
    retryAll: (o) => messages.forEach((m) => m.retry(o)),
  }
  await consumeBatch(batch, bindings, d)
  return { acks, retries }
}

export async function eventsOf(token: string, connId: string) {
  const res = await call('GET', `/v1/connections/${connId}/events?limit=200`, { token })
  expect(res.status, res.text).toBe(200)
  return (
    res.json.data as {
      ticketId: string | null
      outcome: string
      reason: string
      detail: string | null
      httpStatus: number | null
    }[]
  ).reverse()
}

export async function jobOf(connId: string, ticketId: string | number) {
  return env.DB.prepare('SELECT * FROM helpdesk_jobs WHERE connection_id = ? AND ticket_id = ?')
    .bind(connId, String(ticketId))
    .first<{
      id: string
      state: string
      attempts: number
      due_at: string
      survey_url: string | null
    }>()
}

export async function rowCounts(connId: string) {
  const count = async (table: string) =>
    (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE connection_id = ?`)
      .bind(connId)
      .first<{ n: number }>())!.n
  return {
    seen: await count('helpdesk_inbound_seen'),
    jobs: await count('helpdesk_jobs'),
    events: await count('helpdesk_events'),
  }
}

/** A clock the test moves by hand. */
export function clock(start = Date.now()) {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), at: () => t }
}

/** [ticketId, reason] of the skips, by ticket (a batch's jobs run concurrently). */
export async function skips(events: () => ReturnType<typeof eventsOf>) {
  return (await events())
    .filter((e) => e.outcome === 'skipped')
    .map((e) => [e.ticketId, e.reason])
    .sort((a, b) => Number(a[0]) - Number(b[0]))
}
