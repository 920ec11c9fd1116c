// One delivery's life in the consumer, driven by hand with a clock: signature, retries on the
// schedule with one webhook-id, timeouts, 410, the dead-letter path, the 5-day rule.
import { env } from 'cloudflare:test'
import { Webhook as Verifier } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../../schema/constants'
import type { Env } from '../../../worker/env'
import { seal } from '../../../worker/lib/secret-box'
import { call, setup } from '../helpers'
import { PRIVATE_HOSTS } from '../lib/address-spellings'
import {
  clock,
  consume,
  createHook,
  deliveriesOf,
  deps,
  queueStub,
  receiver,
  storeAnswer,
  type Received,
} from './helpers'

async function scenario(hookBody: Record<string, unknown> = {}) {
  const { project, survey } = await setup()
  const hook = await createHook(project.secretKey, hookBody)
  const stored = await storeAnswer(survey.id, {
    score: 2,
    reason: 'The parcel was late',
    touchpoint: 'delivery',
    customerId: 'cus_42',
  })
  const [row] = await deliveriesOf(hook.id)
  return { project, survey, hook, stored, row }
}

const status =
  (code: number, body = '') =>
  () =>
    new Response(body, { status: code })

describe('a standard delivery', () => {
  it('is signed so that the standardwebhooks verifier accepts it, and carries the answer as the API shows it', async () => {
    const { project, survey, hook, stored, row } = await scenario()
    const r = receiver()
    const result = await consume([row.id], deps({ fetch: r.fetch }))
    expect(result.explicitAcks).toHaveLength(1)
    const [got] = r.got
    expect(got.url).toBe('https://hooks.example.com/kp')
    expect(got.headers['content-type']).toBe('application/json')
    const body = new Verifier(hook.secret!).verify(got.body, got.headers)
    const api = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(body).toEqual({
      type: 'response.created',
      timestamp: row.created_at,
      data: { ...api.json.data[0], surveyName: 'After purchase' },
    })
    expect(api.json.data[0].id).toBe(stored.id)
    // Another secret does not verify it, nor does an altered body.
    const other = (await createHook(project.secretKey)).secret!
    expect(() => new Verifier(other).verify(got.body, got.headers)).toThrow()
    expect(() =>
      new Verifier(hook.secret!).verify(got.body.replace('late', 'fine'), got.headers),
    ).toThrow()
    const [done] = await deliveriesOf(hook.id)
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200 })
  })

  it('retries a 500 on the schedule with the same webhook-id, and ignores a duplicate message that is not due', async () => {
    const { hook, row } = await scenario()
    const c = clock()
    const r = receiver((n) => (n <= 2 ? status(500, 'oops')() : new Response('ok')))
    const d = deps({ fetch: r.fetch, now: c.now })
    expect((await consume([row.id], d)).retryMessages).toMatchObject([{ delaySeconds: 5 }])
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status: 500,
      last_error: 'oops',
      next_attempt_at: new Date(c.at() + 5000).toISOString(),
    })
    // A stray copy of the message arrives early: acknowledged, no request made.
    expect((await consume([row.id], d)).explicitAcks).toHaveLength(1)
    expect(r.got).toHaveLength(1)
    c.advance(5000)
    expect((await consume([row.id], d)).retryMessages).toMatchObject([{ delaySeconds: 300 }])
    c.advance(300_000)
    expect((await consume([row.id], d)).explicitAcks).toHaveLength(1)
    expect(r.got.map((g) => g.headers['webhook-id'])).toEqual(Array(3).fill(`msg_${row.id}`))
    expect(new Set(r.got.map((g) => g.headers['webhook-timestamp'])).size).toBe(3)
    const [done] = await deliveriesOf(hook.id)
    expect(done).toMatchObject({ status: 'delivered', attempts: 3, last_status: 200 })
  })

  it('retries a receiver that does not answer within the timeout, with the same webhook-id', async () => {
    const { hook, row } = await scenario()
    const c = clock()
    let calls = 0
    const ids: string[] = []
    const fetch = (_: string, init: RequestInit) => {
      calls++
      ids.push(new Headers(init.headers).get('webhook-id')!)
      if (calls > 1) return Promise.resolve(new Response('ok'))
      // Hangs until the attempt's deadline aborts it.
      return new Promise<Response>((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
      )
    }
    const d = deps({ fetch, now: c.now, timeoutMs: 50 })
    expect((await consume([row.id], d)).retryMessages).toMatchObject([{ delaySeconds: 5 }])
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      last_status: null,
      last_error: 'timed out after 50 ms',
    })
    c.advance(5000)
    await consume([row.id], d)
    expect(ids).toEqual([`msg_${row.id}`, `msg_${row.id}`])
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 })
  })

  it('does not follow redirects and reads at most 1 KB of the answer', async () => {
    const { hook, row } = await scenario()
    const c = clock()
    let pulls = 0
    const endless = () =>
      new ReadableStream({
        pull(ctrl) {
          pulls++
          ctrl.enqueue(new TextEncoder().encode('x'.repeat(600)))
        },
      })
    const r = receiver((n) =>
      n === 1
        ? new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } })
        : new Response(endless(), { status: 503 }),
    )
    const d = deps({ fetch: r.fetch, now: c.now })
    await consume([row.id], d)
    expect(r.fetch.mock.calls[0][1].redirect).toBe('manual')
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      last_status: 302,
      last_error: 'redirect not followed',
    })
    c.advance(5000)
    await consume([row.id], d)
    expect(r.got).toHaveLength(2) // nobody fetched the redirect target
    expect(pulls).toBeLessThanOrEqual(4)
    expect((await deliveriesOf(hook.id))[0].last_error).toHaveLength(500)
  })
})

describe('giving up', () => {
  it('disables the endpoint on 410 Gone and fails what it still had pending', async () => {
    const { project, survey, hook, row } = await scenario()
    const second = await storeAnswer(survey.id, { score: 1 })
    const r = receiver(status(410, 'gone'))
    expect((await consume([row.id], deps({ fetch: r.fetch }))).explicitAcks).toHaveLength(1)
    const read = await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })
    expect(read.json).toMatchObject({
      enabled: false,
      disabledReason: 'the receiver answered 410 Gone',
    })
    const rows = await deliveriesOf(hook.id)
    expect(rows.find((x) => x.id === row.id)).toMatchObject({ status: 'failed', last_status: 410 })
    expect(rows.find((x) => x.response_id === second.id)).toMatchObject({
      status: 'failed',
      last_error: 'endpoint disabled: the receiver answered 410 Gone',
    })
    // A disabled endpoint gets no new deliveries.
    await storeAnswer(survey.id, { score: 0 })
    expect(await deliveriesOf(hook.id)).toHaveLength(2)
    expect(r.got).toHaveLength(1)
  })

  it('after the last attempt fails the delivery, logs it as failed and dead-letters the message', async () => {
    const { project, hook, row } = await scenario()
    const c = clock()
    const r = receiver(status(500))
    const { sent: dlq, queue } = queueStub()
    const bindings: Env = { ...env, OUTBOUND_DLQ: queue }
    const d = deps({ fetch: r.fetch, now: c.now })
    const delays: number[] = []
    for (let i = 0; i < WEBHOOK_RETRY_SCHEDULE_S.length; i++) {
      const out = await consume([row.id], d, 'kundepuls-outbound', bindings)
      delays.push(...out.retryMessages.map((m) => m.delaySeconds ?? -1))
      c.advance((WEBHOOK_RETRY_SCHEDULE_S[i + 1] ?? 0) * 1000)
    }
    // Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000])
    expect(r.got).toHaveLength(8)
    expect(new Set(r.got.map((g: Received) => g.headers['webhook-id']))).toEqual(
      new Set([`msg_${row.id}`]),
    )
    expect(dlq).toEqual([{ kind: 'webhook', deliveryId: row.id }])
    const log = await call('GET', `/v1/webhooks/${hook.id}/deliveries`, {
      token: project.secretKey,
    })
    expect(log.json.data[0]).toMatchObject({
      id: `msg_${row.id}`,
      status: 'failed',
      attempts: 8,
      lastStatusCode: 500,
      lastError: 'HTTP 500; gave up after 8 attempts',
      nextAttemptAt: null,
    })
    // Consuming the dead letter changes nothing; a further copy makes no request.
    await consume([row.id], d, 'kundepuls-outbound-dlq')
    await consume([row.id], d)
    expect(r.got).toHaveLength(8)
    expect((await deliveriesOf(hook.id))[0].last_error).toBe('HTTP 500; gave up after 8 attempts')
  })

  it('logs a message the queue dead-lettered (the consumer kept crashing) as failed', async () => {
    const { hook, row } = await scenario()
    await consume([row.id], deps({ fetch: receiver().fetch }), 'kundepuls-outbound-dlq')
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'failed',
      attempts: 0,
      last_error: 'dead-lettered: the delivery could not be processed',
    })
  })

  it('disables an endpoint whose every delivery failed for 5 days, and says so', async () => {
    const { project, hook, row } = await scenario()
    const c = clock()
    const r = receiver(status(503))
    await consume([row.id], deps({ fetch: r.fetch, now: c.now }))
    const since = await env.DB.prepare('SELECT failing_since FROM webhook_endpoints WHERE id = ?')
      .bind(hook.id)
      .first<string>('failing_since')
    expect(since).toBe(new Date(c.at()).toISOString())
    // Later deliveries keep failing; five days after the first failure the endpoint goes off.
    await env.DB.prepare('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?')
      .bind(new Date(c.at() - 5 * 86_400_000 + 5000).toISOString(), hook.id)
      .run()
    c.advance(5000)
    await consume([row.id], deps({ fetch: r.fetch, now: c.now }))
    const read = await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })
    expect(read.json).toMatchObject({
      enabled: false,
      disabledReason: 'every delivery failed for 5 days',
    })
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'failed',
      last_error: 'HTTP 503; every delivery failed for 5 days',
    })
  })

  it('a success clears the failing streak', async () => {
    const { hook, row } = await scenario()
    const c = clock()
    const r = receiver((n) => (n === 1 ? status(500)() : new Response('ok')))
    await consume([row.id], deps({ fetch: r.fetch, now: c.now }))
    c.advance(5000)
    await consume([row.id], deps({ fetch: r.fetch, now: c.now }))
    const since = await env.DB.prepare('SELECT failing_since FROM webhook_endpoints WHERE id = ?')
      .bind(hook.id)
      .first<string | null>('failing_since')
    expect(since).toBeNull()
  })

  it('sends nothing for an answer erased before delivery', async () => {
    const { project, hook, row } = await scenario()
    const erase = await call('DELETE', '/v1/customers/cus_42', { token: project.secretKey })
    expect(erase.status).toBe(200)
    const r = receiver()
    await consume([row.id], deps({ fetch: r.fetch }))
    expect(r.got).toEqual([])
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'failed',
      last_error: 'the answer no longer exists (erased before delivery)',
    })
  })

  it('refuses a target that is no longer allowed, without retrying', async () => {
    const { hook, row } = await scenario()
    // Saved under WEBHOOKS_ALLOW_LOCAL in development, delivered where it is off.
    await env.DB.prepare('UPDATE webhook_endpoints SET url_sealed = ? WHERE id = ?')
      .bind(
        await (
          await import('../../../worker/lib/secret-box')
        ).seal(env.ENCRYPTION_KEY, 'http://127.0.0.1:9999/hook', `webhook:${hook.id}:url`),
        hook.id,
      )
      .run()
    const r = receiver()
    const out = await consume([row.id], deps({ fetch: r.fetch }))
    expect(out.retryMessages).toEqual([])
    expect(r.got).toEqual([])
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'failed',
      last_error: 'target refused: must be an https:// URL',
    })
  })

  it('never delivers to a private address stored before the check knew it, in any spelling', async () => {
    const { survey, hook } = await scenario()
    const r = receiver()
    for (const [host, what] of PRIVATE_HOSTS) {
      const url = `https://${host}/hook`
      await env.DB.prepare('UPDATE webhook_endpoints SET url_sealed = ? WHERE id = ?')
        .bind(await seal(env.ENCRYPTION_KEY, url, `webhook:${hook.id}:url`), hook.id)
        .run()
      const stored = await storeAnswer(survey.id, { score: 3 })
      const row = (await deliveriesOf(hook.id)).find((d) => d.response_id === stored.id)!
      const out = await consume([row.id], deps({ fetch: r.fetch }))
      expect(out.retryMessages, `${url} (${what})`).toEqual([])
      expect((await deliveriesOf(hook.id)).find((d) => d.id === row.id)).toMatchObject({
        status: 'failed',
        last_error: 'target refused: must not point to a private, local or metadata address',
      })
    }
    expect(r.got).toEqual([])
  }, 120_000)

  it('drops a message it does not understand', async () => {
    const out = await consume(['x'.repeat(100)], deps({ fetch: receiver().fetch }))
    expect(out.explicitAcks).toHaveLength(1)
  })
})
