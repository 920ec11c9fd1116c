// /v1/connections: full key only, credentials and secrets never returned, one tenant's
// connections invisible to another, https-only targets, setup texts with the URLs filled in.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createConnection } from '../../../worker/services/connections'
import { call, contextOf, createProject, expectProblem, setup } from '../helpers'
import { PRIVATE_HOSTS, PUBLIC_HOSTS } from '../lib/address-spellings'
import { connect, ZENDESK_SECRET } from '../helpdesk/helpers'

const SECRETS = ['zd-token-123', 'fd-key-abc', 'hs-app-secret', ZENDESK_SECRET]
const leaks = (text: string, extra: string[] = []) =>
  [...SECRETS, ...extra].filter((s) => text.includes(s))

describe('connections', () => {
  it('creates a Zendesk connection with its inbound URL and setup, and never returns the credentials or the signing secret', async () => {
    const { project, survey, conn } = await connect('zendesk')
    expect(conn).toMatchObject({
      kind: 'zendesk',
      surveyId: survey.id,
      baseUrl: 'https://acme.zendesk.com',
      rules: { skipTags: ['no_survey'], delayMinutes: 0 },
      inboundUrl: `http://kundepuls.test/v1/inbound/${conn.id}`,
      verified: true,
    })
    expect(conn.inboundSecret).toBeUndefined()
    const setupText = JSON.stringify(conn.setup)
    expect(setupText).toContain(conn.inboundUrl)
    expect(JSON.parse((conn.setup as { triggerBody: string }).triggerBody)).toEqual({
      ticketId: '{{ticket.id}}',
      requesterId: '{{ticket.requester.id}}',
      email: '{{ticket.requester.email}}',
      tags: '{{ticket.tags}}',
      status: '{{ticket.status}}',
      via: '{{ticket.via}}',
    })
    const token = project.secretKey
    const texts = [
      JSON.stringify(conn),
      (await call('GET', '/v1/connections', { token })).text,
      (await call('GET', `/v1/connections/${conn.id}`, { token })).text,
      (
        await call('PATCH', `/v1/connections/${conn.id}`, {
          token,
          body: { rules: { delayMinutes: 5 } },
        })
      ).text,
    ]
    for (const t of texts) expect(leaks(t)).toEqual([])
    // At rest too: the row holds sealed values only.
    const row = await env.DB.prepare('SELECT * FROM helpdesk_connections WHERE id = ?')
      .bind(conn.id)
      .first()
    expect(leaks(JSON.stringify(row))).toEqual([])
  })

  it('makes an inbound secret for Freshdesk and Help Scout, shown once and put into the setup steps', async () => {
    for (const kind of ['freshdesk', 'helpscout'] as const) {
      const { project, conn } = await connect(kind)
      expect(conn.inboundSecret).toMatch(/^[A-Za-z0-9]{40}$/)
      expect(JSON.stringify(conn.setup)).toContain(conn.inboundSecret)
      const again = await call('GET', `/v1/connections/${conn.id}`, { token: project.secretKey })
      expect(again.status).toBe(200)
      expect(leaks(again.text, [conn.inboundSecret!])).toEqual([])
      expect(again.json.setup.steps.join(' ')).toContain(conn.inboundUrl)
    }
  })

  it('a Zendesk connection without its signing secret is not verified until PATCH sets it', async () => {
    const { project, conn } = await connect('zendesk', { signingSecret: undefined })
    expect(conn.verified).toBe(false)
    const res = await call('PATCH', `/v1/connections/${conn.id}`, {
      token: project.secretKey,
      body: { signingSecret: 'later-secret' },
    })
    expect(res.json.verified).toBe(true)
  })

  it('refuses http, private and metadata targets in production; allows http://127.0.0.1 with WEBHOOKS_ALLOW_LOCAL', async () => {
    const { project, survey } = await setup()
    const base = { kind: 'freshdesk', surveyId: survey.id, credentials: { apiKey: 'k' } }
    for (const baseUrl of [
      'http://acme.freshdesk.com',
      'http://127.0.0.1:8999',
      'https://169.254.169.254',
      'https://localhost',
      'https://acme.freshdesk.com/api/v2',
    ]) {
      const res = await call('POST', '/v1/connections', {
        token: project.secretKey,
        body: { ...base, baseUrl },
      })
      expectProblem(res, 400, 'validation_failed', 'baseUrl')
    }
    const local = await createConnection(
      contextOf(project.id, new Date(), { ...env, WEBHOOKS_ALLOW_LOCAL: 'true' }),
      {
        kind: 'freshdesk',
        surveyId: survey.id,
        baseUrl: 'http://127.0.0.1:8999',
        credentials: { apiKey: 'k' },
      },
      'http://127.0.0.1:8787',
    )
    expect(local.baseUrl).toBe('http://127.0.0.1:8999')
  })

  it('refuses every spelling of a private address at creation and at PATCH, and stores none', async () => {
    const { project, survey, conn } = await connect('freshdesk')
    const token = project.secretKey
    const base = { kind: 'freshdesk', surveyId: survey.id, credentials: { apiKey: 'k' } }
    for (const [host, what] of PRIVATE_HOSTS) {
      const baseUrl = `https://${host}`
      const res = await call('POST', '/v1/connections', { token, body: { ...base, baseUrl } })
      expect(res.status, `POST ${baseUrl} (${what})`).toBe(400)
      expectProblem(res, 400, 'validation_failed', 'baseUrl')
      const patch = await call('PATCH', `/v1/connections/${conn.id}`, { token, body: { baseUrl } })
      expect(patch.status, `PATCH ${baseUrl} (${what})`).toBe(400)
      expectProblem(patch, 400, 'validation_failed', 'baseUrl')
    }
    const list = await call('GET', '/v1/connections', { token })
    expect(list.json.data).toMatchObject([{ id: conn.id, baseUrl: 'https://acme.freshdesk.com' }])
    for (const [host, what] of PUBLIC_HOSTS) {
      const baseUrl = `https://${host}`
      const patch = await call('PATCH', `/v1/connections/${conn.id}`, { token, body: { baseUrl } })
      expect(patch.status, `PATCH ${baseUrl} (${what}) ${patch.text}`).toBe(200)
    }
  }, 120_000)

  it('validates kind, credentials shape, survey and signingSecret per kind', async () => {
    const { project, survey, conn } = await connect('freshdesk')
    const token = project.secretKey
    const post = (body: unknown) => call('POST', '/v1/connections', { token, body })
    expectProblem(
      await post({
        kind: 'kayako',
        surveyId: survey.id,
        baseUrl: 'https://x.example',
        credentials: {},
      }),
      400,
    )
    expectProblem(
      await post({
        kind: 'zendesk',
        surveyId: survey.id,
        baseUrl: 'https://a.zendesk.com',
        credentials: { apiKey: 'x' },
      }),
      400,
    )
    expectProblem(
      await post({
        kind: 'freshdesk',
        surveyId: survey.id,
        baseUrl: 'https://a.freshdesk.com',
        credentials: { apiKey: 'x' },
        signingSecret: 's',
      }),
      400,
    )
    expectProblem(
      await post({
        kind: 'freshdesk',
        surveyId: 'srv_nope',
        baseUrl: 'https://a.freshdesk.com',
        credentials: { apiKey: 'x' },
      }),
      400,
      'validation_failed',
      'surveyId',
    )
    const patch = (body: unknown) => call('PATCH', `/v1/connections/${conn.id}`, { token, body })
    expectProblem(await patch({ signingSecret: 's' }), 400, 'validation_failed', 'signingSecret')
    expectProblem(
      await patch({ credentials: { appId: 'a', appSecret: 'b' } }),
      400,
      'validation_failed',
      'credentials',
    )
    expectProblem(await patch({ rules: { delayMinutes: 721 } }), 400)
    const ok = await patch({
      rules: { skipTags: ['vip', 'no_survey'] },
      credentials: { apiKey: 'new' },
    })
    expect(ok.json.rules).toEqual({ skipTags: ['vip', 'no_survey'], delayMinutes: 0 })
  })

  it("another project's key sees, changes and deletes none of them; a publishable key or none is refused", async () => {
    const { project, conn } = await connect('helpscout')
    const other = await createProject('Other')
    const as = (token: string) => ({ token })
    expect((await call('GET', '/v1/connections', as(other.secretKey))).json.data).toEqual([])
    for (const [method, path, body] of [
      ['GET', `/v1/connections/${conn.id}`, undefined],
      ['PATCH', `/v1/connections/${conn.id}`, { rules: { delayMinutes: 1 } }],
      ['DELETE', `/v1/connections/${conn.id}`, undefined],
      ['GET', `/v1/connections/${conn.id}/events`, undefined],
    ] as const) {
      expectProblem(await call(method, path, { token: other.secretKey, body }), 404, 'not_found')
    }
    expectProblem(await call('GET', '/v1/connections', as(project.publishableKey)), 403)
    expectProblem(await call('GET', '/v1/connections', {}), 401)
    const still = await call('GET', `/v1/connections/${conn.id}`, as(project.secretKey))
    expect(still.json.rules.delayMinutes).toBe(0)
  })

  it('deleting a connection removes it with its events', async () => {
    const { project, conn } = await connect('zendesk')
    const token = project.secretKey
    await env.DB.prepare(
      "INSERT INTO helpdesk_events (id, connection_id, ticket_id, outcome, reason, created_at) VALUES ('e1', ?, '1', 'skipped', 'skip_tag', ?)",
    )
      .bind(conn.id, new Date().toISOString())
      .run()
    expect((await call('DELETE', `/v1/connections/${conn.id}`, { token })).status).toBe(204)
    expectProblem(await call('GET', `/v1/connections/${conn.id}`, { token }), 404)
    const left = await env.DB.prepare(
      'SELECT count(*) AS n FROM helpdesk_events WHERE connection_id = ?',
    )
      .bind(conn.id)
      .first<{ n: number }>()
    expect(left?.n).toBe(0)
  })

  it('appears in /openapi.json with the statuses it can return', async () => {
    const spec = (await call('GET', '/openapi.json')).json
    expect(Object.keys(spec.paths['/v1/connections'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409']),
    )
    expect(Object.keys(spec.paths['/v1/inbound/{connectionId}'].post.responses)).toEqual(
      expect.arrayContaining(['202', '401', '429']),
    )
    expect(spec.paths['/v1/connections/{id}/events'].get).toBeDefined()
  })
})
