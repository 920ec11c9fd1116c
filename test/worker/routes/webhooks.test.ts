import { env } from 'cloudflare:test'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { seal } from '../../../worker/lib/secret-box'
import { call, createProject, createSurvey, expectProblem, setup } from '../helpers'
import { ISSUE_17_HOSTS, PRIVATE_HOSTS, PUBLIC_HOSTS } from '../lib/address-spellings'
import { createHook, receiver } from '../webhooks/helpers'

afterEach(() => vi.restoreAllMocks())

const SLACK = 'https://hooks.slack.com/services/T0123ABC/B0456DEF/s3cr3tT0k3nXyZ'

async function rawEndpoint(id: string) {
  return env.DB.prepare('SELECT * FROM webhook_endpoints WHERE id = ?').bind(id).first()
}

describe('webhook endpoints', () => {
  it('creates a standard endpoint and shows its whsec_ secret only once', async () => {
    const { project, survey } = await setup()
    const hook = await createHook(project.secretKey, {
      events: ['response.created', 'followup.updated'],
      filter: { categories: ['detractor'], touchpoints: ['delivery'], surveyIds: [survey.id] },
      description: 'CRM',
    })
    expect(hook).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      url: 'https://hooks.example.com/kp',
      format: 'standard',
      enabled: true,
      filter: { categories: ['detractor'], touchpoints: ['delivery'], surveyIds: [survey.id] },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    })
    const read = await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })
    expect(read.status).toBe(200)
    expect(read.json).not.toHaveProperty('secret')
    expect(read.text).not.toContain(hook.secret!.slice(6))
    const list = await call('GET', '/v1/webhooks', { token: project.secretKey })
    expect(list.json.data.map((h: { id: string }) => h.id)).toEqual([hook.id])
    const row = await rawEndpoint(hook.id)
    expect(JSON.stringify(row)).not.toContain(hook.secret!.slice(6))
  })

  it('stores a Slack URL encrypted and shows it masked, with no secret', async () => {
    const { project } = await setup()
    const hook = await createHook(project.secretKey, { url: SLACK, format: 'slack' })
    expect(hook.url).toBe('https://hooks.slack.com/services/T0…/B0…/••••')
    expect(hook).not.toHaveProperty('secret')
    const row = await rawEndpoint(hook.id)
    expect(JSON.stringify(row)).not.toContain('s3cr3tT0k3nXyZ')
    expect(JSON.stringify(row)).not.toContain('B0456DEF')
    const rotate = await call('POST', `/v1/webhooks/${hook.id}/rotate-secret`, {
      token: project.secretKey,
    })
    expectProblem(rotate, 409, 'not_signed')
  })

  it.each([
    [{ url: 'http://hooks.example.com/x' }, 'url'],
    [{ url: 'https://169.254.169.254/latest/meta-data/' }, 'url'],
    [{ url: 'https://127.0.0.1:8443/x' }, 'url'],
    [{ url: 'https://localhost/x' }, 'url'],
    [{ url: 'https://10.0.0.8/x' }, 'url'],
    [{ url: 'https://hooks.example.com:9000/x' }, 'url'],
    [{ events: [] }, 'events'],
    [{ events: ['response.deleted'] }, 'events.0'],
    [{ format: 'teams' }, 'format'],
    [{ filter: { categories: ['angry'] } }, 'filter.categories.0'],
    [{ filter: { surveyIds: ['srv_nope'] } }, 'filter.surveyIds.0'],
    [{ filter: { colour: ['red'] } }, 'filter'],
    [{ secret: 'whsec_mine' }, undefined],
  ])('refuses %j with 400 and stores nothing', async (body, field) => {
    const { project } = await setup()
    const res = await call('POST', '/v1/webhooks', {
      token: project.secretKey,
      body: { url: 'https://hooks.example.com/kp', events: ['response.created'], ...body },
    })
    expectProblem(res, 400, 'validation_failed', field)
    const list = await call('GET', '/v1/webhooks', { token: project.secretKey })
    expect(list.json.data).toEqual([])
  })

  it('needs the secret key: no key 401, publishable key 403', async () => {
    const project = await createProject()
    const body = { url: 'https://hooks.example.com/kp', events: ['response.created'] }
    expectProblem(await call('POST', '/v1/webhooks', { body }), 401)
    expectProblem(await call('POST', '/v1/webhooks', { body, token: project.publishableKey }), 403)
  })

  it('changes url, events and filter, clears the filter with null, and can disable and re-enable', async () => {
    const { project } = await setup()
    const hook = await createHook(project.secretKey, { filter: { categories: ['detractor'] } })
    const patch = (body: unknown) =>
      call('PATCH', `/v1/webhooks/${hook.id}`, { token: project.secretKey, body })
    let res = await patch({ url: 'https://other.example.com/in', events: ['response.updated'] })
    expect(res.json).toMatchObject({
      url: 'https://other.example.com/in',
      events: ['response.updated'],
    })
    res = await patch({ filter: null })
    expect(res.json.filter).toEqual({})
    res = await patch({ enabled: false })
    expect(res.json).toMatchObject({ enabled: false, disabledReason: 'disabled by a manager' })
    res = await patch({ enabled: true })
    expect(res.json).toMatchObject({ enabled: true, disabledReason: null })
    expectProblem(await patch({ url: 'https://192.168.0.1/x' }), 400, 'validation_failed', 'url')
    expectProblem(await patch({ format: 'slack' }), 400)
    expect(
      (await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })).json.url,
    ).toBe('https://other.example.com/in')
  })

  it('refuses every spelling of a private address at creation (standard and Slack) and at PATCH, and stores none', async () => {
    const { project } = await setup()
    const token = project.secretKey
    const hook = await createHook(token)
    for (const [host, what] of PRIVATE_HOSTS) {
      const url = `https://${host}/hook`
      for (const format of ['standard', 'slack']) {
        const res = await call('POST', '/v1/webhooks', {
          token,
          body: { url, format, events: ['response.created'] },
        })
        expect(res.status, `${format} ${url} (${what})`).toBe(400)
        expectProblem(res, 400, 'validation_failed', 'url')
      }
      const res = await call('PATCH', `/v1/webhooks/${hook.id}`, { token, body: { url } })
      expect(res.status, `PATCH ${url} (${what})`).toBe(400)
      expectProblem(res, 400, 'validation_failed', 'url')
    }
    const list = await call('GET', '/v1/webhooks', { token })
    expect(list.json.data).toMatchObject([{ id: hook.id, url: 'https://hooks.example.com/kp' }])
    for (const [host, what] of PUBLIC_HOSTS) {
      const url = `https://${host}/hook`
      const res = await call('PATCH', `/v1/webhooks/${hook.id}`, { token, body: { url } })
      expect(res.status, `PATCH ${url} (${what}) ${res.text}`).toBe(200)
    }
  }, 120_000)

  it('does not send a test event to a private address stored before the check knew it', async () => {
    // Made per call: a Response built in the test's context cannot be read in the worker's.
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('ok'))
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    for (const host of ISSUE_17_HOSTS) {
      const url = `https://${host}/hook`
      await env.DB.prepare('UPDATE webhook_endpoints SET url_sealed = ? WHERE id = ?')
        .bind(await seal(env.ENCRYPTION_KEY, url, `webhook:${hook.id}:url`), hook.id)
        .run()
      const test = await call('POST', `/v1/webhooks/${hook.id}/test`, { token: project.secretKey })
      expect(test.json, url).toMatchObject({
        delivered: false,
        error: 'target refused: must not point to a private, local or metadata address',
      })
    }
    expect(fetch).not.toHaveBeenCalled()
  }, 120_000)

  it('deletes an endpoint with its log', async () => {
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    const del = await call('DELETE', `/v1/webhooks/${hook.id}`, { token: project.secretKey })
    expect(del.status).toBe(204)
    expectProblem(await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey }), 404)
    expectProblem(
      await call('DELETE', `/v1/webhooks/${hook.id}`, { token: project.secretKey }),
      404,
    )
  })

  it('limits a project to 20 endpoints', async () => {
    const { project } = await setup()
    for (let i = 0; i < 20; i++) await createHook(project.secretKey)
    const res = await call('POST', '/v1/webhooks', {
      token: project.secretKey,
      body: { url: 'https://hooks.example.com/kp', events: ['response.created'] },
    })
    expectProblem(res, 409, 'too_many_webhooks')
  })
})

describe('another project', () => {
  it('cannot read, change, rotate, test, delete or list the deliveries of an endpoint', async () => {
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    const stranger = await createProject('Stranger')
    const t = stranger.secretKey
    for (const [method, path, body] of [
      ['GET', `/v1/webhooks/${hook.id}`],
      ['PATCH', `/v1/webhooks/${hook.id}`, { enabled: false }],
      ['POST', `/v1/webhooks/${hook.id}/rotate-secret`],
      ['POST', `/v1/webhooks/${hook.id}/test`],
      ['GET', `/v1/webhooks/${hook.id}/deliveries`],
      ['DELETE', `/v1/webhooks/${hook.id}`],
    ] as const) {
      expectProblem(await call(method, path, { token: t, body }), 404, 'not_found')
    }
    expect((await call('GET', '/v1/webhooks', { token: t })).json.data).toEqual([])
    expect(
      (await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })).json,
    ).toMatchObject({ enabled: true, url: 'https://hooks.example.com/kp' })
  })

  it("does not see the other project's filter surveys as its own", async () => {
    const { survey } = await setup()
    const stranger = await createProject('Stranger')
    const res = await call('POST', '/v1/webhooks', {
      token: stranger.secretKey,
      body: {
        url: 'https://hooks.example.com/kp',
        events: ['response.created'],
        filter: { surveyIds: [survey.id] },
      },
    })
    expectProblem(res, 400, 'validation_failed', 'filter.surveyIds.0')
  })
})

describe('rotate-secret and test', () => {
  it('signs with both secrets for 24 hours after a rotation, each verifying on its own', async () => {
    const r = receiver()
    vi.spyOn(globalThis, 'fetch').mockImplementation((i, init) => r.fetch(String(i), init ?? {}))
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    const rot = await call('POST', `/v1/webhooks/${hook.id}/rotate-secret`, {
      token: project.secretKey,
    })
    expect(rot.status).toBe(200)
    expect(rot.json.secret).toMatch(/^whsec_/)
    expect(rot.json.secret).not.toBe(hook.secret)
    const expires = Date.parse(rot.json.previousSecretExpiresAt)
    expect(expires - Date.now()).toBeGreaterThan(23.9 * 3600_000)
    const test = await call('POST', `/v1/webhooks/${hook.id}/test`, { token: project.secretKey })
    expect(test.json).toMatchObject({ delivered: true, statusCode: 200 })
    const got = r.got[0]
    expect(got.headers['webhook-signature'].split(' ')).toHaveLength(2)
    for (const secret of [hook.secret!, rot.json.secret])
      expect(new Verifier(secret).verify(got.body, got.headers)).toMatchObject({
        type: 'webhook.test',
      })
  })

  it('reports a failing receiver in the test answer and logs it, without disabling the endpoint', async () => {
    // Made per call: a Response built in the test's context cannot be read in the worker's.
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      async () => new Response('nope', { status: 410 }),
    )
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    const test = await call('POST', `/v1/webhooks/${hook.id}/test`, { token: project.secretKey })
    expect(test.json).toMatchObject({ delivered: false, statusCode: 410, error: 'nope' })
    const log = await call('GET', `/v1/webhooks/${hook.id}/deliveries`, {
      token: project.secretKey,
    })
    expect(log.json.data).toMatchObject([
      {
        id: test.json.delivery.id,
        event: 'webhook.test',
        status: 'failed',
        attempts: 1,
        lastStatusCode: 410,
      },
    ])
    expect(
      (await call('GET', `/v1/webhooks/${hook.id}`, { token: project.secretKey })).json.enabled,
    ).toBe(true)
  })

  it('pages the delivery log with a cursor, newest first, without repeats', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('ok'))
    const { project } = await setup()
    const hook = await createHook(project.secretKey)
    const ids: string[] = []
    for (let i = 0; i < 5; i++)
      ids.push(
        (await call('POST', `/v1/webhooks/${hook.id}/test`, { token: project.secretKey })).json
          .delivery.id,
      )
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const page = await call('GET', `/v1/webhooks/${hook.id}/deliveries?limit=2${q}`, {
        token: project.secretKey,
      })
      expect(page.status).toBe(200)
      seen.push(...page.json.data.map((d: { id: string }) => d.id))
      cursor = page.json.nextCursor
    }
    expect(new Set(seen).size).toBe(5)
    expect(seen.sort()).toEqual([...ids].sort())
    expectProblem(
      await call('GET', `/v1/webhooks/${hook.id}/deliveries?cursor=garbage`, {
        token: project.secretKey,
      }),
      400,
    )
  })
})

// Also touch createSurvey so a filter on a second survey is accepted.
describe('filters naming surveys', () => {
  it("accepts the project's own live surveys", async () => {
    const { project, survey } = await setup()
    const other = await createSurvey(project.secretKey, { name: 'Support' })
    const hook = await createHook(project.secretKey, {
      filter: { surveyIds: [survey.id, other.id] },
    })
    expect(hook.filter).toEqual({ surveyIds: [survey.id, other.id] })
  })
})

describe('the OpenAPI document', () => {
  it('documents every webhook route with key or session auth and problem answers', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    for (const [method, path] of [
      ['post', '/v1/webhooks'],
      ['get', '/v1/webhooks'],
      ['get', '/v1/webhooks/{id}'],
      ['patch', '/v1/webhooks/{id}'],
      ['delete', '/v1/webhooks/{id}'],
      ['post', '/v1/webhooks/{id}/rotate-secret'],
      ['post', '/v1/webhooks/{id}/test'],
      ['get', '/v1/webhooks/{id}/deliveries'],
    ] as const) {
      const op = doc.paths[path]?.[method]
      expect(op, `${method} ${path}`).toBeDefined()
      expect(op.security).toEqual([{ secretKey: [] }, { session: [] }, { userSession: [] }])
      expect(op.responses['401'].content['application/problem+json']).toBeDefined()
    }
    expect(doc.components.schemas.WebhookDelivery).toBeDefined()
  })
})
