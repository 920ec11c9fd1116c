import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, uuid } from '../helpers'
import { createKey, signIn, withCookie } from '../session-helpers'

describe('API keys with scopes', () => {
  it('creates a read key (rk_) shown once, listed without the key and stored only as a hash', async () => {
    const { secretKey, id } = await createProject()
    const created = await createKey(secretKey, 'read', 'Board screen')
    expect(created.key).toMatch(/^rk_[A-Za-z0-9]{40}$/)
    expect(created).toMatchObject({ name: 'Board screen', scope: 'read' })
    expect(created.key.startsWith(created.prefix)).toBe(true)
    const list = await call('GET', '/v1/keys', { token: secretKey })
    expect(list.status).toBe(200)
    expect(list.json.data.map((k: { scope: string }) => k.scope)).toEqual([
      'publishable',
      'full',
      'read',
    ])
    expect(list.text).not.toContain(created.key)
    const stored = await env.DB.prepare('SELECT * FROM api_keys WHERE project_id = ?')
      .bind(id)
      .all()
    expect(JSON.stringify(stored.results)).not.toContain(created.key)
  })

  it('creates another full key (sk_) that manages the project', async () => {
    const { secretKey } = await createProject()
    const full = await createKey(secretKey, 'full')
    expect(full.key).toMatch(/^sk_/)
    await createSurvey(full.key)
  })

  it('lets a read key read everything and answers 403 insufficient_scope to every write, changing nothing', async () => {
    const { secretKey } = await createProject()
    const survey = await createSurvey(secretKey)
    const answerId = uuid()
    await call('POST', '/v1/responses/import', {
      token: secretKey,
      body: {
        responses: [
          {
            id: answerId,
            surveyId: survey.id,
            score: 2,
            customerId: 'cus_1',
            createdAt: new Date().toISOString(),
          },
        ],
      },
    })
    const { key } = await createKey(secretKey, 'read')
    for (const path of [
      '/v1/surveys',
      `/v1/surveys/${survey.id}`,
      `/v1/metrics?surveyId=${survey.id}`,
      `/v1/responses?surveyId=${survey.id}`,
      '/v1/customers/at-risk?min=1',
      '/v1/customers/cus_1',
      '/v1/keys',
      '/v1/sessions/current',
    ]) {
      const res = await call('GET', path, { token: key })
      expect(res.status, `${path}: ${res.text}`).toBe(200)
    }
    const csv = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: key,
      headers: { accept: 'text/csv' },
    })
    expect(csv.text).toContain(answerId)
    const writes: [string, string, unknown?][] = [
      ['POST', '/v1/surveys', { name: 'x', kind: 'nps' }],
      ['PATCH', `/v1/surveys/${survey.id}`, { name: 'x' }],
      ['DELETE', `/v1/surveys/${survey.id}`],
      ['PATCH', `/v1/responses/${answerId}`, { followUp: 'closed' }],
      [
        'POST',
        '/v1/responses/import',
        {
          responses: [
            { surveyId: survey.id, score: 9, id: uuid(), createdAt: new Date().toISOString() },
          ],
        },
      ],
      ['DELETE', '/v1/customers/cus_1'],
      ['POST', '/v1/keys', { name: 'escalate', scope: 'full' }],
      ['POST', '/v1/invitations', { surveyId: survey.id, touchpoint: 'support', ref: 'T-1' }],
    ]
    for (const [method, path, body] of writes)
      expectProblem(await call(method, path, { token: key, body }), 403, 'insufficient_scope')
    const after = await call('GET', `/v1/responses?surveyId=${survey.id}`, { token: secretKey })
    expect(after.json.data).toHaveLength(1)
    expect(after.json.data[0].followUp).toBeNull()
    expect((await call('GET', `/v1/surveys/${survey.id}`, { token: secretKey })).json.name).toBe(
      'After purchase',
    )
  })

  it('gives a session made from a read key the read scope, with the same refusals', async () => {
    const { secretKey } = await createProject()
    const survey = await createSurvey(secretKey)
    const { key } = await createKey(secretKey, 'read')
    const { cookie, body } = await signIn(key)
    expect(body.scope).toBe('read')
    expect((await withCookie('GET', `/v1/metrics?surveyId=${survey.id}`, cookie)).status).toBe(200)
    const res = await withCookie('PATCH', `/v1/surveys/${survey.id}`, cookie, {
      body: { name: 'x' },
    })
    expectProblem(res, 403, 'insufficient_scope')
  })

  it('revokes a key at once, ending the sessions made with it', async () => {
    const { secretKey } = await createProject()
    const read = await createKey(secretKey, 'read')
    const { cookie } = await signIn(read.key)
    expect((await withCookie('GET', '/v1/surveys', cookie)).status).toBe(200)
    expect((await call('DELETE', `/v1/keys/${read.id}`, { token: secretKey })).status).toBe(204)
    expectProblem(await call('GET', '/v1/surveys', { token: read.key }), 401, 'unauthorized')
    expectProblem(await withCookie('GET', '/v1/surveys', cookie), 401, 'unauthorized')
    const { results } = await env.DB.prepare(
      'SELECT count(*) AS n FROM sessions s JOIN api_keys k ON k.hash = s.key_hash WHERE k.id = ?',
    )
      .bind(read.id)
      .all<{ n: number }>()
    expect(results[0].n).toBe(0)
    const list = await call('GET', '/v1/keys', { token: secretKey })
    expect(list.json.data.map((k: { id: string }) => k.id)).not.toContain(read.id)
  })

  it("refuses to revoke the project's last full key, so it cannot lock itself out", async () => {
    const { secretKey } = await createProject()
    const list = await call('GET', '/v1/keys', { token: secretKey })
    const full = list.json.data.find((k: { scope: string }) => k.scope === 'full')
    expectProblem(
      await call('DELETE', `/v1/keys/${full.id}`, { token: secretKey }),
      409,
      'last_full_key',
    )
    expect((await call('GET', '/v1/surveys', { token: secretKey })).status).toBe(200)
    // With a second full key, the first can go.
    const second = await createKey(secretKey, 'full')
    expect((await call('DELETE', `/v1/keys/${full.id}`, { token: second.key })).status).toBe(204)
    expectProblem(await call('GET', '/v1/surveys', { token: secretKey }), 401)
  })

  it("never lists or revokes another project's keys", async () => {
    const a = await createProject('A')
    const b = await createProject('B')
    const theirs = await createKey(b.secretKey, 'read')
    expectProblem(await call('DELETE', `/v1/keys/${theirs.id}`, { token: a.secretKey }), 404)
    expect((await call('GET', '/v1/surveys', { token: theirs.key })).status).toBe(200)
    const list = await call('GET', '/v1/keys', { token: a.secretKey })
    expect(list.json.data.map((k: { id: string }) => k.id)).not.toContain(theirs.id)
  })

  it('records when a key was last used, without writing on every call', async () => {
    const { secretKey } = await createProject()
    const read = await createKey(secretKey, 'read')
    await call('GET', '/v1/surveys', { token: read.key })
    const first = (await call('GET', '/v1/keys', { token: secretKey })).json.data.find(
      (k: { id: string }) => k.id === read.id,
    )
    expect(Date.now() - Date.parse(first.lastUsedAt)).toBeLessThan(60_000)
    await call('GET', '/v1/surveys', { token: read.key })
    const second = (await call('GET', '/v1/keys', { token: secretKey })).json.data.find(
      (k: { id: string }) => k.id === read.id,
    )
    expect(second.lastUsedAt).toBe(first.lastUsedAt)
  })

  it('refuses bad input with a clear problem and creates nothing', async () => {
    const { secretKey } = await createProject()
    for (const body of [
      { name: 'x', scope: 'admin' },
      { scope: 'read' },
      { name: 'x'.repeat(81), scope: 'read' },
    ])
      expectProblem(
        await call('POST', '/v1/keys', { token: secretKey, body }),
        400,
        'validation_failed',
      )
    expect((await call('GET', '/v1/keys', { token: secretKey })).json.data).toHaveLength(2)
  })
})
