// POST /v1/inbound/:id: verified before anything else (signatures computed here with node:crypto),
// failed checks answer 401 and record nothing, replays are recognised and ignored, and each
// help desk's call is read as its setup defines it.
import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { verifyInbound } from '../../../worker/helpdesk/inbound'
import { expectProblem } from '../helpers'
import {
  connect,
  freshdeskHeaders,
  helpscoutHeaders,
  inbound,
  rowCounts,
  ZENDESK_SECRET,
  zendeskBody,
  zendeskHeaders,
  eventsOf,
} from './helpers'

// Jobs wait 12 h here, so the local queue never runs them; and no call may leave the worker.
const HOLD = { rules: { delayMinutes: 720 } }
beforeEach(() => {
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in this test'))
})
afterEach(() => vi.restoreAllMocks())

describe('fixed vectors (computed with openssl, not with the worker)', () => {
  // printf '%s' '2026-11-24T10:00:00Z{"a":1}' | openssl dgst -sha256 -hmac secret -binary | base64
  // printf '%s' '{"a":1}' | openssl dgst -sha1 -hmac secret -binary | base64
  const at = new Date('2026-11-24T10:02:00Z')
  const headers = (h: Record<string, string>) => (n: string) => h[n]

  it('Zendesk: timestamp + body under HMAC-SHA256, base64', async () => {
    const h = {
      'x-zendesk-webhook-signature': 'Ls9J/cXaTqCe8C7cMxH0SF+BF1QVuXVGoNsfwAuZKHw=',
      'x-zendesk-webhook-signature-timestamp': '2026-11-24T10:00:00Z',
    }
    expect(
      createHmac('sha256', 'secret').update('2026-11-24T10:00:00Z{"a":1}').digest('base64'),
    ).toBe(h['x-zendesk-webhook-signature'])
    expect((await verifyInbound('zendesk', 'secret', headers(h), '{"a":1}', at)).ok).toBe(true)
    expect((await verifyInbound('zendesk', 'secret', headers(h), '{"a":2}', at)).ok).toBe(false)
    const late = new Date('2026-11-24T10:05:01Z')
    expect((await verifyInbound('zendesk', 'secret', headers(h), '{"a":1}', late)).ok).toBe(false)
  })

  it('Help Scout: body under HMAC-SHA1, base64', async () => {
    const h = { 'x-helpscout-signature': '+ERmcvAz5LK+r8XKOnHq/NLK+24=' }
    expect((await verifyInbound('helpscout', 'secret', headers(h), '{"a":1}', at)).ok).toBe(true)
    expect((await verifyInbound('helpscout', 'Secret', headers(h), '{"a":1}', at)).ok).toBe(false)
  })
})

describe('Zendesk inbound', () => {
  it('accepts a call signed as Zendesk documents it: base64(HMAC-SHA256(secret, timestamp + body))', async () => {
    const { project, conn } = await connect('zendesk', HOLD)
    const body = zendeskBody(101)
    const res = await inbound(conn.id, body, zendeskHeaders(body))
    expect(res.status, res.text).toBe(202)
    expect(res.json).toEqual({ status: 'scheduled' })
    expect(await eventsOf(project.secretKey, conn.id)).toMatchObject([
      { ticketId: '101', outcome: 'scheduled', reason: 'solved' },
    ])
  })

  it('refuses a bad signature, another secret, an altered body, missing headers and an unknown connection with 401, recording nothing', async () => {
    const { conn } = await connect('zendesk', HOLD)
    const body = zendeskBody(102)
    const good = zendeskHeaders(body)
    const tries = [
      { ...good, 'x-zendesk-webhook-signature': 'AAAA' },
      zendeskHeaders(body, 'another-secret'),
      { 'content-type': 'application/json' },
      { ...good, 'x-zendesk-webhook-signature-timestamp': '2026-01-01T00:00:00Z' },
    ]
    for (const h of tries) expectProblem(await inbound(conn.id, body, h), 401, 'signature_invalid')
    expectProblem(
      await inbound(conn.id, body.replace('102', '103'), good),
      401,
      'signature_invalid',
    )
    expectProblem(await inbound('hdc_doesnotexist000000', body, good), 401, 'signature_invalid')
    expect(await rowCounts(conn.id)).toEqual({ seen: 0, jobs: 0, events: 0 })
  })

  it('refuses a signature older than 5 minutes (and one from the future), recording nothing', async () => {
    const { conn } = await connect('zendesk', HOLD)
    const body = zendeskBody(104)
    const old = zendeskHeaders(body, ZENDESK_SECRET, new Date(Date.now() - 5 * 60_000 - 2000))
    expectProblem(await inbound(conn.id, body, old), 401)
    const future = zendeskHeaders(body, ZENDESK_SECRET, new Date(Date.now() + 6 * 60_000))
    expectProblem(await inbound(conn.id, body, future), 401)
    const recent = zendeskHeaders(body, ZENDESK_SECRET, new Date(Date.now() - 4 * 60_000))
    expect((await inbound(conn.id, body, recent)).status).toBe(202)
  })

  it('recognises a replayed delivery and ignores it; a new delivery for the same ticket is "already handled"', async () => {
    const { project, conn } = await connect('zendesk', HOLD)
    const body = zendeskBody(105)
    const h = zendeskHeaders(body)
    expect((await inbound(conn.id, body, h)).json).toEqual({ status: 'scheduled' })
    expect((await inbound(conn.id, body, h)).json).toEqual({ status: 'duplicate' })
    expect((await inbound(conn.id, body, h)).json).toEqual({ status: 'duplicate' })
    expect(await rowCounts(conn.id)).toMatchObject({ seen: 1, jobs: 1, events: 1 })
    // The trigger fires again later (a new signature): once per ticket.
    const again = zendeskHeaders(body, ZENDESK_SECRET, new Date(Date.now() + 1000))
    expect((await inbound(conn.id, body, again)).json).toEqual({
      status: 'skipped',
      reason: 'already_handled',
    })
    expect((await eventsOf(project.secretKey, conn.id)).map((e) => e.reason)).toEqual([
      'solved',
      'already_handled',
    ])
  })

  it('is refused (401) while the connection has no signing secret', async () => {
    const { conn } = await connect('zendesk', { ...HOLD, signingSecret: undefined })
    const body = zendeskBody(106)
    expectProblem(await inbound(conn.id, body, zendeskHeaders(body)), 401)
    expect(await rowCounts(conn.id)).toEqual({ seen: 0, jobs: 0, events: 0 })
  })

  it('logs a skip for what the call itself shows: the skip tag, no email, not solved', async () => {
    const { project, conn } = await connect('zendesk', HOLD)
    const send = async (id: number, extra: Record<string, string>) => {
      const body = zendeskBody(id, extra)
      return (await inbound(conn.id, body, zendeskHeaders(body))).json
    }
    expect(await send(110, { tags: 'billing no_survey' })).toEqual({
      status: 'skipped',
      reason: 'skip_tag',
    })
    expect(await send(111, { email: '' })).toEqual({ status: 'skipped', reason: 'no_email' })
    expect(await send(112, { status: 'Open' })).toEqual({ status: 'skipped', reason: 'not_solved' })
    expect((await eventsOf(project.secretKey, conn.id)).map((e) => [e.ticketId, e.reason])).toEqual(
      [
        ['110', 'skip_tag'],
        ['111', 'no_email'],
        ['112', 'not_solved'],
      ],
    )
    expect((await rowCounts(conn.id)).jobs).toBe(0)
  })

  it('answers 400 for a verified body that is not ours, and refuses a ticket id that is not digits', async () => {
    const { conn } = await connect('zendesk', HOLD)
    for (const body of ['not json', '{"ticket":1}', '{"ticketId":"../users/1"}']) {
      expectProblem(await inbound(conn.id, body, zendeskHeaders(body)), 400)
    }
  })
})

describe('Help Scout inbound', () => {
  const convo = (id: number, status = 'closed') =>
    JSON.stringify({
      id,
      number: 3000 + id,
      status,
      tags: [{ id: 1, tag: 'billing' }],
      primaryCustomer: { id: 77, email: 'c@example.com' },
    })

  it('accepts base64(HMAC-SHA1(secret, body)) for convo.status with status closed', async () => {
    const { conn } = await connect('helpscout', HOLD)
    const body = convo(201)
    const res = await inbound(conn.id, body, helpscoutHeaders(body, conn.inboundSecret!))
    expect(res.status, res.text).toBe(202)
    expect(res.json).toEqual({ status: 'scheduled' })
  })

  it('refuses a wrong signature (401, nothing recorded) and ignores other events and other statuses', async () => {
    const { project, conn } = await connect('helpscout', HOLD)
    const body = convo(202)
    expectProblem(await inbound(conn.id, body, helpscoutHeaders(body, 'not-the-secret')), 401)
    // SHA-256 instead of SHA-1 is not Help Scout's signature.
    const sha256 = createHmac('sha256', conn.inboundSecret!).update(body).digest('base64')
    expectProblem(
      await inbound(conn.id, body, {
        ...helpscoutHeaders(body, conn.inboundSecret!),
        'x-helpscout-signature': sha256,
      }),
      401,
    )
    expect(await rowCounts(conn.id)).toEqual({ seen: 0, jobs: 0, events: 0 })
    const tags = await inbound(
      conn.id,
      body,
      helpscoutHeaders(body, conn.inboundSecret!, 'convo.tags'),
    )
    expect(tags.json).toEqual({ status: 'ignored', reason: 'ignored_event' })
    const active = convo(203, 'active')
    const res = await inbound(conn.id, active, helpscoutHeaders(active, conn.inboundSecret!))
    expect(res.json).toEqual({ status: 'skipped', reason: 'not_solved' })
    expect((await eventsOf(project.secretKey, conn.id)).map((e) => e.reason)).toEqual([
      'ignored_event',
      'not_solved',
    ])
  })
})

describe('Freshdesk inbound', () => {
  it('requires the inbound secret in X-Kundepuls-Secret; without it or with another, 401 and nothing recorded', async () => {
    const { conn } = await connect('freshdesk', HOLD)
    const body = JSON.stringify({
      ticketId: '301',
      email: 'k@example.dk',
      tags: 'a, b',
      status: 'Resolved',
    })
    expectProblem(await inbound(conn.id, body, { 'content-type': 'application/json' }), 401)
    expectProblem(await inbound(conn.id, body, freshdeskHeaders('x'.repeat(40))), 401)
    expect(await rowCounts(conn.id)).toEqual({ seen: 0, jobs: 0, events: 0 })
    const ok = await inbound(conn.id, body, freshdeskHeaders(conn.inboundSecret!))
    expect(ok.json).toEqual({ status: 'scheduled' })
    // A replay of the same call is ignored.
    expect((await inbound(conn.id, body, freshdeskHeaders(conn.inboundSecret!))).json).toEqual({
      status: 'duplicate',
    })
  })

  it("reads Freshdesk's comma-separated tags for the skip rule", async () => {
    const { conn } = await connect('freshdesk', HOLD)
    const body = JSON.stringify({ ticketId: '302', tags: 'vip, no_survey', status: 'Resolved' })
    expect((await inbound(conn.id, body, freshdeskHeaders(conn.inboundSecret!))).json).toEqual({
      status: 'skipped',
      reason: 'skip_tag',
    })
  })
})
