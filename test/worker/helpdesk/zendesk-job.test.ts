// A solved Zendesk ticket's job, driven by hand against the fake Zendesk: every rule, the
// invitation through the contact ledger, the public comment, and the retry rules (429 with
// Retry-After, 5xx, 4xx) without ever posting twice.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { REPLY_ATTRIBUTES, REPLY_TAGS } from '../../../worker/helpdesk/snippet'
import { call } from '../helpers'
import { PRIVATE_HOSTS } from '../lib/address-spellings'
import { fakeZendesk } from './fakes'
import {
  clock,
  connect,
  deskDeps,
  eventsOf,
  jobOf,
  receive,
  runJobs,
  skips,
  zendeskBody,
  zendeskHeaders,
} from './helpers'

async function scenario(
  rules: Record<string, unknown> = {},
  surveyBody: Record<string, unknown> = {},
) {
  const made = await connect('zendesk', { rules: { delayMinutes: 0, ...rules } }, surveyBody)
  const zd = fakeZendesk()
  const c = clock()
  const solve = async (ticketId: number, extra: Record<string, string> = {}) => {
    const body = zendeskBody(ticketId, extra)
    return receive(made.conn.id, body, zendeskHeaders(body, undefined, c.now()), c.now())
  }
  const run = (ids: string[]) => runJobs(ids, deskDeps(zd.fetch, { now: c.now }))
  const events = () => eventsOf(made.project.secretKey, made.conn.id)
  return { ...made, zd, c, solve, run, events }
}

const PUT = /^\/api\/v2\/tickets\/\d+\.json$/

describe('a solved Zendesk ticket', () => {
  it('gets one public comment with the survey, authenticated as {email}/token:{apiToken}, and an invitation with the ticket as ref', async () => {
    const s = await scenario()
    s.zd.ticket({ id: 4711, group_id: 360001, assignee_id: 9001 }, { locale: 'da' })
    const { jobIds } = await s.solve(4711)
    expect(jobIds).toHaveLength(1)
    expect(await s.run(jobIds)).toEqual({ acks: jobIds, retries: [] })

    const [put] = s.zd.calls('PUT', PUT)
    expect(put.headers.authorization).toBe(`Basic ${btoa('agent@acme.example/token:zd-token-123')}`)
    expect(put.headers['content-type']).toBe('application/json')
    const comment = JSON.parse(put.body).ticket.comment
    expect(comment.public).toBe(true)
    // The requester's Zendesk locale (da) chose the language.
    expect(comment.html_body).toContain('Hvor sandsynligt')
    const url = comment.html_body.match(/href="([^"?]+)\?score=0"/)[1]
    expect(url).toMatch(/^http:\/\/kundepuls\.test\/s\/[A-Za-z0-9_-]+$/)
    expect(s.zd.comments.get(4711)).toHaveLength(1)

    // The link works, and an answer through it carries the ticket and the requester.
    const page = await call('GET', new URL(url).pathname)
    expect(page.status).toBe(200)
    const row = await env.DB.prepare('SELECT * FROM invitations WHERE survey_id = ?')
      .bind(s.survey.id)
      .first<{
        ref: string
        customer_id: string
        email: string
        touchpoint: string
        properties: string
        locale: string
      }>()
    expect(row).toMatchObject({
      ref: '4711',
      customer_id: String(500 + 4711),
      email: 'customer4711@example.com',
      touchpoint: 'support',
      locale: 'da',
    })
    expect(JSON.parse(row!.properties)).toEqual({
      channel: 'email',
      group: '360001',
      agent: '9001',
    })
    expect(await jobOf(s.conn.id, 4711)).toMatchObject({ state: 'posted', attempts: 0 })
    expect((await s.events()).map((e) => [e.outcome, e.reason])).toEqual([
      ['scheduled', 'solved'],
      ['posted', 'replied'],
    ])
  })

  it('posts a reply made only of the tags and attributes help desks keep', async () => {
    const s = await scenario({}, { kind: 'ces' })
    s.zd.ticket({ id: 1 })
    await s.run((await s.solve(1)).jobIds)
    const html = JSON.parse(s.zd.calls('PUT', PUT)[0].body).ticket.comment.html_body as string
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase())
    expect(new Set(tags)).toEqual(new Set(REPLY_TAGS))
    const attrs = [...html.matchAll(/\s([a-z-]+)=/gi)].map((m) => m[1].toLowerCase())
    expect(new Set(attrs)).toEqual(new Set(REPLY_ATTRIBUTES))
    expect(html).not.toMatch(/style=|<table|<script|class=/)
    // CES: one link per score 1–7.
    expect([...html.matchAll(/\?score=(\d+)/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ])
  })

  it('once per ticket: a trigger that fires again gets no second job, comment or invitation', async () => {
    const s = await scenario()
    s.zd.ticket({ id: 2 })
    await s.run((await s.solve(2)).jobIds)
    s.c.advance(1000)
    const again = await s.solve(2)
    expect(again.result).toEqual({ status: 'skipped', reason: 'already_handled' })
    expect(again.jobIds).toEqual([])
    expect(s.zd.comments.get(2)).toHaveLength(1)
  })

  it('waits delayMinutes: nothing is read or posted before; the early message is put back for the rest', async () => {
    const s = await scenario({ delayMinutes: 60 })
    s.zd.ticket({ id: 3 })
    const { jobIds } = await s.solve(3)
    s.c.advance(10 * 60_000)
    expect((await s.run(jobIds)).retries).toEqual([50 * 60])
    expect(s.zd.requests).toHaveLength(0)
    s.c.advance(50 * 60_000)
    expect((await s.run(jobIds)).acks).toEqual(jobIds)
    expect(s.zd.comments.get(3)).toHaveLength(1)
  })

  it('skips a ticket re-opened during the delay, and surveys it when it is solved again', async () => {
    const s = await scenario({ delayMinutes: 60 })
    s.zd.ticket({ id: 4 })
    const first = await s.solve(4)
    s.zd.tickets.get(4)!.status = 'open'
    s.c.advance(60 * 60_000)
    await s.run(first.jobIds)
    expect(s.zd.calls('PUT', PUT)).toHaveLength(0)
    expect(await jobOf(s.conn.id, 4)).toMatchObject({ state: 'reopened' })
    s.zd.tickets.get(4)!.status = 'solved'
    const second = await s.solve(4)
    expect(second.result).toEqual({ status: 'scheduled' })
    s.c.advance(60 * 60_000)
    await s.run(second.jobIds)
    expect(s.zd.comments.get(4)).toHaveLength(1)
    expect((await s.events()).map((e) => e.reason)).toEqual([
      'solved',
      'reopened',
      'solved',
      'replied',
    ])
  })

  it('skips tickets tagged with a configured tag (also when tagged during the delay), agents, requesters without email, merged, spam and deleted tickets', async () => {
    const s = await scenario({ skipTags: ['no_survey', 'Escalated'] })
    s.zd.ticket({ id: 10, tags: ['escalated'] }) // tagged after the trigger fired: the API says so
    s.zd.ticket({ id: 11 }, { role: 'agent' })
    s.zd.ticket({ id: 12 }, { email: null })
    s.zd.ticket({ id: 13, status: 'closed', tags: ['closed_by_merge'] })
    s.zd.ticket({ id: 14 }, { suspended: true })
    s.zd.ticket({ id: 15, status: 'deleted' })
    const ids: string[] = []
    for (const t of [10, 11, 12, 13, 14, 15, 16]) ids.push(...(await s.solve(t)).jobIds)
    await s.run(ids)
    expect(s.zd.calls('PUT', PUT)).toHaveLength(0)
    expect(await skips(s.events)).toEqual([
      ['10', 'skip_tag'],
      ['11', 'agent_requester'],
      ['12', 'no_email'],
      ['13', 'merged'],
      ['14', 'spam'],
      ['15', 'deleted'],
      ['16', 'deleted'], // unknown to Zendesk: 404
    ])
    const invitations = await env.DB.prepare(
      'SELECT count(*) AS n FROM invitations WHERE survey_id = ?',
    )
      .bind(s.survey.id)
      .first<{ n: number }>()
    expect(invitations?.n).toBe(0)
  })

  it('goes through the contact ledger: a requester asked within throttleDays on any channel is skipped, and the skip is logged', async () => {
    const s = await scenario()
    s.zd.ticket({ id: 20, requester_id: 999 })
    s.zd.ticket({ id: 21, requester_id: 999 })
    await s.run((await s.solve(20)).jobIds)
    await s.run((await s.solve(21)).jobIds)
    expect(s.zd.comments.get(20)).toHaveLength(1)
    expect(s.zd.comments.has(21)).toBe(false)
    const last = (await s.events()).at(-1)!
    expect(last).toMatchObject({ ticketId: '21', outcome: 'skipped', reason: 'throttled' })
    expect(last.detail).toMatch(/was invited to a survey/)
  })

  it('honours 429 Retry-After, then posts once', async () => {
    const s = await scenario()
    s.zd.ticket({ id: 30 })
    const { jobIds } = await s.solve(30)
    s.zd.failNext(
      /^PUT /,
      () =>
        new Response('{"error":"TooManyRequests"}', {
          status: 429,
          headers: { 'retry-after': '93' },
        }),
    )
    expect((await s.run(jobIds)).retries).toEqual([93])
    expect(await jobOf(s.conn.id, 30)).toMatchObject({ state: 'posting', attempts: 1 })
    // A message that comes early (a duplicate) is put back for the rest of the wait.
    s.c.advance(3000)
    expect((await s.run(jobIds)).retries).toEqual([90])
    s.c.advance(-3000)
    s.c.advance(93_000)
    expect((await s.run(jobIds)).acks).toEqual(jobIds)
    expect(s.zd.comments.get(30)).toHaveLength(1)
    const ev = await s.events()
    expect(ev.find((e) => e.outcome === 'retrying')).toMatchObject({
      reason: 'rate_limited',
      httpStatus: 429,
    })
  })

  it('retries 5xx on the schedule, and never posts twice when an answer was lost after Zendesk had added the comment', async () => {
    const s = await scenario()
    s.zd.ticket({ id: 31 })
    const { jobIds } = await s.solve(31)
    s.zd.loseNextAnswer()
    expect((await s.run(jobIds)).retries).toEqual([5])
    expect(s.zd.comments.get(31)).toHaveLength(1)
    s.c.advance(5000)
    expect((await s.run(jobIds)).acks).toEqual(jobIds)
    // The retry looked for the survey link in the thread, found it and did not post again.
    expect(s.zd.calls('GET', /\/comments\.json$/)).toHaveLength(1)
    expect(s.zd.calls('PUT', PUT)).toHaveLength(1)
    expect(s.zd.comments.get(31)).toHaveLength(1)
    expect((await s.events()).at(-1)).toMatchObject({
      outcome: 'posted',
      reason: 'already_replied',
    })

    // A plain 503 (nothing posted): the retry posts.
    s.zd.ticket({ id: 32 })
    const second = await s.solve(32)
    s.zd.failNext(/^PUT /, () => new Response('upstream down', { status: 503 }))
    expect((await s.run(second.jobIds)).retries).toEqual([5])
    s.c.advance(5000)
    await s.run(second.jobIds)
    expect(s.zd.comments.get(32)).toHaveLength(1)
  })

  it("stops on a 4xx and shows Zendesk's error in the events log; gives up after the schedule on 5xx", async () => {
    const s = await scenario()
    s.zd.ticket({ id: 40, status: 'closed' }) // Zendesk refuses to update closed tickets (422)
    await s.run((await s.solve(40)).jobIds)
    expect(await jobOf(s.conn.id, 40)).toMatchObject({ state: 'failed' })
    const failed = (await s.events()).at(-1)!
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'helpdesk_error', httpStatus: 422 })
    expect(failed.detail).toContain('Status: closed prevents ticket update')

    s.zd.ticket({ id: 41 })
    const { jobIds } = await s.solve(41)
    const short = deskDeps(s.zd.fetch, { now: s.c.now, schedule: [0, 1, 1] })
    for (let i = 0; i < 3; i++) {
      s.zd.failNext(/^PUT /, () => new Response('oops', { status: 500 }))
      await runJobs(jobIds, short)
      s.c.advance(1000)
    }
    expect(await jobOf(s.conn.id, 41)).toMatchObject({ state: 'failed', attempts: 3 })
    expect((await s.events()).at(-1)!.detail).toMatch(/gave up after 3 attempts/)
    expect(s.zd.comments.has(41)).toBe(false)
  })

  it('never calls a help desk at a private address stored before the check knew it, in any spelling', async () => {
    const s = await scenario()
    let ticket = 100
    for (const [host, what] of PRIVATE_HOSTS) {
      await env.DB.prepare('UPDATE helpdesk_connections SET base_url = ? WHERE id = ?')
        .bind(`https://${host}`, s.conn.id)
        .run()
      s.zd.ticket({ id: ++ticket })
      await s.run((await s.solve(ticket)).jobIds)
      expect(await jobOf(s.conn.id, ticket), `${host} (${what})`).toMatchObject({
        state: 'failed',
      })
    }
    expect(s.zd.requests).toEqual([])
  }, 120_000)

  it('a wrong API token is a 401 from Zendesk: the job stops with the error logged', async () => {
    const s = await scenario()
    await call('PATCH', `/v1/connections/${s.conn.id}`, {
      token: s.project.secretKey,
      body: { credentials: { email: 'agent@acme.example', apiToken: 'wrong' } },
    })
    s.zd.ticket({ id: 50 })
    await s.run((await s.solve(50)).jobIds)
    expect((await s.events()).at(-1)).toMatchObject({ outcome: 'failed', httpStatus: 401 })
    expect((await s.events()).at(-1)!.detail).toContain("Couldn't authenticate you")
  })
})
