// Freshdesk and Help Scout jobs against their fakes: auth as each documents it, the reply call,
// their own ways of saying spam, merged, deleted and agent, the language, Help Scout's OAuth
// token cached until it expires, and a lost answer never posting twice.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { fakeFreshdesk, fakeHelpScout } from './fakes'
import {
  clock,
  connect,
  deskDeps,
  eventsOf,
  freshdeskHeaders,
  helpscoutHeaders,
  receive,
  runJobs,
  skips,
} from './helpers'

describe('a resolved Freshdesk ticket', () => {
  async function scenario() {
    const made = await connect('freshdesk')
    const fd = fakeFreshdesk()
    const c = clock()
    const solve = (id: number) => {
      const body = JSON.stringify({ ticketId: String(id), status: 'Resolved' })
      return receive(made.conn.id, body, freshdeskHeaders(made.conn.inboundSecret!), c.now())
    }
    const run = (ids: string[]) => runJobs(ids, deskDeps(fd.fetch, { now: c.now }))
    return {
      ...made,
      fd,
      c,
      solve,
      run,
      events: () => eventsOf(made.project.secretKey, made.conn.id),
    }
  }

  it("gets a reply through POST /api/v2/tickets/{id}/reply with Basic {apiKey}:X, in the contact's language", async () => {
    const s = await scenario()
    s.fd.ticket({ id: 900 }, 'sv')
    await s.run((await s.solve(900)).jobIds)
    const [post] = s.fd.calls('POST', /\/reply$/)
    expect(post.path).toBe('/api/v2/tickets/900/reply')
    expect(post.headers.authorization).toBe(`Basic ${btoa('fd-key-abc:X')}`)
    const html = JSON.parse(post.body).body as string
    expect(html).toContain('Hur troligt')
    expect(s.fd.conversations.get(900)).toHaveLength(1)
    const inv = await env.DB.prepare(
      'SELECT ref, customer_id, email, locale, properties FROM invitations WHERE survey_id = ?',
    )
      .bind(s.survey.id)
      .first<{ properties: string }>()
    expect(inv).toMatchObject({
      ref: '900',
      customer_id: '1600',
      email: 'kunde900@example.dk',
      locale: 'sv',
    })
    expect(JSON.parse(inv!.properties)).toEqual({ channel: 'email', group: '11', agent: '22' })
  })

  it('skips spam, deleted, re-opened tickets and agent requesters', async () => {
    const s = await scenario()
    s.fd.ticket({ id: 901, spam: true })
    s.fd.ticket({ id: 902, deleted: true })
    s.fd.ticket({ id: 903, status: 2 })
    s.fd.ticket({ id: 904 })
    s.fd.agents.add(s.fd.tickets.get(904)!.requester_id)
    const ids: string[] = []
    for (const t of [901, 902, 903, 904]) ids.push(...(await s.solve(t)).jobIds)
    await s.run(ids)
    expect(s.fd.calls('POST', /\/reply$/)).toHaveLength(0)
    expect(await skips(s.events)).toEqual([
      ['901', 'spam'],
      ['902', 'deleted'],
      ['903', 'reopened'],
      ['904', 'agent_requester'],
    ])
  })

  it("a lost answer is retried without a second reply; a 400 stops with Freshdesk's error shown", async () => {
    const s = await scenario()
    s.fd.ticket({ id: 905 })
    const { jobIds } = await s.solve(905)
    s.fd.loseNextAnswer()
    expect((await s.run(jobIds)).retries).toEqual([5])
    s.c.advance(5000)
    await s.run(jobIds)
    expect(s.fd.conversations.get(905)).toHaveLength(1)
    expect(s.fd.calls('POST', /\/reply$/)).toHaveLength(1)

    s.fd.ticket({ id: 906 })
    s.fd.failNext(/^POST .*\/reply$/, () =>
      Response.json(
        {
          description: 'Validation failed',
          errors: [{ field: 'body', message: 'It should not be blank', code: 'missing_field' }],
        },
        { status: 400 },
      ),
    )
    await s.run((await s.solve(906)).jobIds)
    const last = (await s.events()).at(-1)!
    expect(last).toMatchObject({ outcome: 'failed', httpStatus: 400 })
    expect(last.detail).toContain('missing_field')
  })
})

describe('a closed Help Scout conversation', () => {
  async function scenario() {
    const made = await connect('helpscout')
    const hs = fakeHelpScout()
    const c = clock()
    const close = (id: number) => {
      const body = JSON.stringify({
        id,
        status: 'closed',
        primaryCustomer: { id: 800 + id, email: `client${id}@example.com` },
      })
      return receive(made.conn.id, body, helpscoutHeaders(body, made.conn.inboundSecret!), c.now())
    }
    const run = (ids: string[]) => runJobs(ids, deskDeps(hs.fetch, { now: c.now }))
    return {
      ...made,
      hs,
      c,
      close,
      run,
      events: () => eventsOf(made.project.secretKey, made.conn.id),
    }
  }

  it('gets a reply that keeps it closed, with an OAuth token fetched once and reused until it expires', async () => {
    const s = await scenario()
    s.hs.conversation({ id: 1 })
    s.hs.conversation({ id: 2 })
    await s.run((await s.close(1)).jobIds)
    await s.run((await s.close(2)).jobIds)
    const tokenCalls = s.hs.calls('POST', /^\/v2\/oauth2\/token$/)
    expect(tokenCalls).toHaveLength(1)
    expect(JSON.parse(tokenCalls[0].body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'hs-app-id',
      client_secret: 'hs-app-secret',
    })
    const replies = s.hs.calls('POST', /\/reply$/)
    expect(replies.map((r) => r.path)).toEqual([
      '/v2/conversations/1/reply',
      '/v2/conversations/2/reply',
    ])
    expect(replies[0].headers.authorization).toBe('Bearer hs-token-1')
    const body = JSON.parse(replies[0].body)
    expect(body).toMatchObject({ customer: { id: 801 }, status: 'closed' })
    expect(body.text).toContain('/s/')
    expect(s.hs.conversations.get(1)!.status).toBe('closed')
    // The token is stored sealed, never in clear.
    const row = await env.DB.prepare(
      'SELECT access_token_sealed FROM helpdesk_connections WHERE id = ?',
    )
      .bind(s.conn.id)
      .first<{ access_token_sealed: string }>()
    expect(row!.access_token_sealed).toMatch(/^v1\./)
    expect(row!.access_token_sealed).not.toContain('hs-token')

    // Two days later the cached token has expired: a new one is fetched.
    s.c.advance(172_800_000)
    s.hs.conversation({ id: 3 })
    await s.run((await s.close(3)).jobIds)
    expect(s.hs.calls('POST', /^\/v2\/oauth2\/token$/)).toHaveLength(2)
  })

  it('a revoked token (401) is replaced once and the call repeated', async () => {
    const s = await scenario()
    s.hs.conversation({ id: 4 })
    s.hs.conversation({ id: 5 })
    await s.run((await s.close(4)).jobIds)
    s.hs.expireTokens()
    await s.run((await s.close(5)).jobIds)
    expect(s.hs.calls('POST', /^\/v2\/oauth2\/token$/)).toHaveLength(2)
    expect(s.hs.threads.get(5)).toHaveLength(1)
  })

  it('skips merged (301), spam, deleted and re-activated conversations, and team members', async () => {
    const s = await scenario()
    s.hs.conversation({ id: 10, mergedInto: 99 })
    s.hs.conversation({ id: 11, status: 'spam' })
    s.hs.conversation({ id: 12, state: 'deleted' })
    s.hs.conversation({ id: 13, status: 'active' })
    s.hs.conversation({ id: 14 })
    s.hs.users.add('client14@example.com')
    const ids: string[] = []
    for (const t of [10, 11, 12, 13, 14]) ids.push(...(await s.close(t)).jobIds)
    await s.run(ids)
    expect(s.hs.calls('POST', /\/reply$/)).toHaveLength(0)
    expect(await skips(s.events)).toEqual([
      ['10', 'merged'],
      ['11', 'spam'],
      ['12', 'deleted'],
      ['13', 'reopened'],
      ['14', 'agent_requester'],
    ])
  })

  it('a 5xx answer lost after Help Scout made the thread: the retry finds it and posts nothing', async () => {
    const s = await scenario()
    s.hs.conversation({ id: 20 })
    const { jobIds } = await s.close(20)
    s.hs.loseNextAnswer()
    await s.run(jobIds)
    s.c.advance(5000)
    await s.run(jobIds)
    expect(s.hs.threads.get(20)).toHaveLength(1)
    expect((await s.events()).at(-1)).toMatchObject({
      outcome: 'posted',
      reason: 'already_replied',
    })
  })
})
