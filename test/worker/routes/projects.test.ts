import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, expectProblem } from '../helpers'

describe('POST /v1/projects', () => {
  it('creates a tenant and shows its secret key once, storing only hashes', async () => {
    const res = await call('POST', '/v1/projects', { token: ADMIN, body: { name: 'Acme' } })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ name: 'Acme', requireSignedIdentity: false })
    expect(res.json.publishableKey).toMatch(/^pk_[A-Za-z0-9]{40}$/)
    expect(res.json.secretKey).toMatch(/^sk_[A-Za-z0-9]{40}$/)
    const keys = await env.DB.prepare('SELECT hash, prefix FROM api_keys WHERE project_id = ?')
      .bind(res.json.id)
      .all<{ hash: string; prefix: string }>()
    expect(keys.results).toHaveLength(2)
    const stored = JSON.stringify(keys.results)
    expect(stored).not.toContain(res.json.secretKey)
    expect(stored).not.toContain(res.json.publishableKey)
    expect(keys.results.map((k) => k.hash)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
    )
  })

  it('refuses a missing or wrong admin token with 401 and creates nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM projects').first<{ n: number }>()
    expectProblem(await call('POST', '/v1/projects', { body: { name: 'x' } }), 401, 'unauthorized')
    expectProblem(await call('POST', '/v1/projects', { token: 'wrong', body: { name: 'x' } }), 401)
    const after = await env.DB.prepare('SELECT count(*) AS n FROM projects').first<{ n: number }>()
    expect(after!.n).toBe(before!.n)
  })

  it('refuses a secret key in place of the admin token', async () => {
    const { json } = await call('POST', '/v1/projects', { token: ADMIN, body: { name: 'A' } })
    expectProblem(
      await call('POST', '/v1/projects', { token: json.secretKey, body: { name: 'B' } }),
      401,
    )
  })

  it('lists the failing fields of a bad body', async () => {
    expectProblem(
      await call('POST', '/v1/projects', { token: ADMIN, body: { name: '' } }),
      400,
      'validation_failed',
      'name',
    )
    expectProblem(
      await call('POST', '/v1/projects', { token: ADMIN, body: { name: 'x'.repeat(121) } }),
      400,
      undefined,
      'name',
    )
    expectProblem(
      await call('POST', '/v1/projects', { token: ADMIN, body: { name: 'x', extra: 1 } }),
      400,
    )
    expectProblem(
      await call('POST', '/v1/projects', {
        token: ADMIN,
        raw: '{"name":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_request',
    )
  })
})
