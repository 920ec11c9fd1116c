// The outbox: which answers write which delivery rows (events, filters, imports), what it costs
// per answer, and that a failed queue send loses nothing.
import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { upsertResponse } from '../../../worker/db/responses'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import type { Env } from '../../../worker/env'
import { answerRow } from '../../../worker/services/answers'
import { relayOutbox, sweepOutbox } from '../../../worker/webhooks/outbox'
import { answer, call, createSurvey, setup, uuid } from '../helpers'
import { importRows } from '../manager-helpers'
import {
  consume,
  createHook,
  deliveriesOf,
  deps,
  queueStub as makeQueueStub,
  receiver,
  storeAnswer,
  waitFor,
} from './helpers'
import { MINUTE_CRON, runCron } from '../cron-helpers'

// The real consumer runs on the local queue for answers made over HTTP: keep it off the network.
const net = receiver()
beforeEach(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation((i, init) => net.fetch(String(i), init ?? {}))
})
afterEach(() => vi.restoreAllMocks())

const events = async (hookId: string) =>
  (await deliveriesOf(hookId)).map((d) => `${d.event_type}:${d.response_id}`)

describe('events and filters', () => {
  it('writes one delivery per matching endpoint, filters combined with AND', async () => {
    const { project, survey } = await setup()
    const sk = project.secretKey
    const other = await createSurvey(sk, { name: 'Support' })
    const hooks = {
      detractors: await createHook(sk, { filter: { categories: ['detractor'] } }),
      delivery: await createHook(sk, { filter: { touchpoints: ['delivery'] } }),
      support: await createHook(sk, { filter: { surveyIds: [other.id] } }),
      both: await createHook(sk, {
        filter: { categories: ['detractor'], touchpoints: ['delivery'] },
      }),
      all: await createHook(sk),
      updates: await createHook(sk, { events: ['response.updated'] }),
      followups: await createHook(sk, { events: ['followup.updated'] }),
      paused: await createHook(sk),
    }
    await call('PATCH', `/v1/webhooks/${hooks.paused.id}`, { token: sk, body: { enabled: false } })
    const a = (await answer(survey.id, { score: 2, touchpoint: 'delivery' })).json.id
    const b = (await answer(survey.id, { score: 9, touchpoint: 'delivery' })).json.id
    const c = (await answer(survey.id, { score: 2, touchpoint: 'purchase' })).json.id
    const d = (await answer(other.id, { score: 9 })).json.id
    const created = (...ids: string[]) => ids.map((id) => `response.created:${id}`)
    expect(await events(hooks.detractors.id)).toEqual(expect.arrayContaining(created(a, c)))
    expect(await events(hooks.detractors.id)).toHaveLength(2)
    expect((await events(hooks.delivery.id)).sort()).toEqual(created(a, b).sort())
    expect(await events(hooks.support.id)).toEqual(created(d))
    expect(await events(hooks.both.id)).toEqual(created(a))
    expect(await events(hooks.all.id)).toHaveLength(4)
    expect(await events(hooks.updates.id)).toEqual([])
    expect(await events(hooks.followups.id)).toEqual([])
    expect(await events(hooks.paused.id)).toEqual([])
  })

  it('fires response.updated on a changed score, reason or consent, and followup.updated on the closed loop', async () => {
    const { project, survey } = await setup()
    const sk = project.secretKey
    const updates = await createHook(sk, { events: ['response.updated'] })
    const followups = await createHook(sk, { events: ['followup.updated'] })
    const first = await answer(survey.id, { score: 3, customerId: 'c1', ref: 'T-1' })
    const { id, editToken } = first.json
    const amend = (body: object) =>
      call('PATCH', `/v1/public/responses/${id}`, { body: { editToken, ...body } })
    expect((await amend({ reason: 'Slow' })).status).toBe(200)
    expect((await amend({ contactConsent: true })).status).toBe(200)
    // The author changes the score (same id).
    expect((await amend({ score: 8 })).status).toBe(200)
    await call('PATCH', `/v1/responses/${id}`, { token: sk, body: { followUp: 'closed' } })
    await call('PATCH', `/v1/responses/${id}`, { token: sk, body: { note: 'Called back' } })
    expect(await events(updates.id)).toEqual(Array(3).fill(`response.updated:${id}`))
    expect(await events(followups.id)).toEqual(Array(2).fill(`followup.updated:${id}`))
  })

  it('writes nothing for a retry, an unchanged amend, a test answer or imported history', async () => {
    const { project, survey } = await setup()
    const sk = project.secretKey
    const hook = await createHook(sk, { events: ['response.created', 'response.updated'] })
    const id = uuid()
    await answer(survey.id, { id, score: 2 })
    await answer(survey.id, { id, score: 2 }) // the widget's retry
    await call('PATCH', `/v1/responses/${id}`, { token: sk, body: { test: true } })
    await call('PATCH', `/v1/public/responses/${id}`, { body: { reason: 'changed on a test' } })
    await importRows(sk, [
      { surveyId: survey.id, score: 1, createdAt: '2025-01-02T10:00:00Z' },
      { surveyId: survey.id, score: 0, createdAt: '2025-01-03T10:00:00Z' },
    ])
    expect(await events(hook.id)).toEqual([`response.created:${id}`])
  })

  it("never writes a delivery for another project's endpoint", async () => {
    const mine = await setup()
    const theirs = await setup()
    const hook = await createHook(theirs.project.secretKey)
    await answer(mine.survey.id, { score: 1 })
    expect(await events(hook.id)).toEqual([])
  })
})

describe('cost per answer', () => {
  it('adds one delivery row and its two index entries per subscribed endpoint, nothing without', async () => {
    const { project, survey } = await setup()
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    const write = async () =>
      (
        await upsertResponse(
          env.DB,
          answerRow(
            target,
            { id: uuid(), surveyId: survey.id, score: 2 },
            {
              channel: 'widget',
              now: new Date(),
            },
          ),
        )
      ).rowsWritten
    const bare = await write()
    await createHook(project.secretKey, { events: ['response.updated'] }) // not subscribed
    expect(await write()).toBe(bare)
    await createHook(project.secretKey)
    const one = await write()
    await createHook(project.secretKey)
    const two = await write()
    expect({ bare, one, two }).toEqual({ bare, one: bare + 3, two: bare + 6 })
    console.log(`rows written per answer: ${bare} bare, ${one} with 1 endpoint, ${two} with 2`)
  })
})

function queueStub(fail: boolean) {
  const stub = makeQueueStub(fail)
  const bindings: Env = { ...env, OUTBOUND: stub.queue }
  return { sent: stub.sent, env: bindings }
}

describe('nothing lost when the queue send fails', () => {
  it('keeps the event pending, and the sweep enqueues it once it is a minute overdue', async () => {
    const { project, survey } = await setup()
    const hook = await createHook(project.secretKey)
    const stored = await storeAnswer(survey.id, { score: 1 })
    const t0 = Date.now()
    const down = queueStub(true)
    expect(await relayOutbox(down.env, new Date(t0))).toBe(0) // swallowed and logged
    const [row] = await deliveriesOf(hook.id)
    expect(row).toMatchObject({ status: 'pending', attempts: 0, response_id: stored.id })

    const up = queueStub(false)
    // Not yet: a just-written row is the relay's, and a queued one may still be on its way.
    expect(await sweepOutbox(up.env, new Date(t0 + 30_000))).toBe(0)
    // The cron (every minute) finds it past the grace period and enqueues it.
    await runCron(MINUTE_CRON, t0 + 90_000, up.env)
    // (Storage is per file: the sweep also finds rows other tests left pending.)
    const sentFor = () => up.sent.filter((m) => m.kind === 'webhook' && m.deliveryId === row.id)
    expect(sentFor()).toEqual([{ kind: 'webhook', deliveryId: row.id }])
    // The next sweep does not send it again while it waits to be consumed.
    await sweepOutbox(up.env, new Date(t0 + 100_000))
    expect(sentFor()).toHaveLength(1)

    const r = receiver()
    const later = () => new Date(t0 + 100_000)
    await consume([row.id, row.id], deps({ fetch: r.fetch, now: later })) // a duplicate too
    expect(r.got).toHaveLength(1)
    expect(r.got[0].headers['webhook-id']).toBe(`msg_${row.id}`)
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 })
    await sweepOutbox(up.env, new Date(t0 + 600_000))
    expect(sentFor()).toHaveLength(1)
  })

  it('relays a fresh row exactly once even when two writes flush at the same time', async () => {
    const { project, survey } = await setup()
    const hook = await createHook(project.secretKey)
    await storeAnswer(survey.id)
    const q = queueStub(false)
    const now = new Date()
    const counts = await Promise.all([relayOutbox(q.env, now), relayOutbox(q.env, now)])
    expect(counts.sort()).toEqual([0, 1])
    expect(q.sent.map((m) => (m.kind === 'webhook' ? m.deliveryId : m.kind))).toEqual([
      (await deliveriesOf(hook.id))[0].id,
    ])
  })

  it('delivers over HTTP-made answers through the real relay and queue', async () => {
    const { project, survey } = await setup()
    const hook = await createHook(project.secretKey)
    await answer(survey.id, { score: 4 })
    await waitFor(async () => (await deliveriesOf(hook.id))[0]?.status === 'delivered')
  })
})
