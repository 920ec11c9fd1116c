// GET/PUT/DELETE /v1/project/oidc: owners and admins set the project's provider; the client
// secret is sealed and never returned; a bad issuer or a missing secret changes nothing.
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { call, createProject, expectProblem } from '../helpers'
import { member } from '../account-helpers'
import { withCookie } from '../session-helpers'
import { CLIENT_SECRET, configure, ISSUER } from '../oidc-helpers'

let project: Awaited<ReturnType<typeof createProject>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  project = await createProject('SSO settings')
  for (const role of ['owner', 'admin', 'member', 'viewer'] as const)
    cookies[role] = (await member(project.secretKey, role)).cookie
})

describe('the single sign-on settings', () => {
  it('answers configured false and the redirect URI to register before a provider is set, and a put sets it without returning the secret', async () => {
    const before = await call('GET', '/v1/project/oidc', { token: project.secretKey })
    expect(before.status, before.text).toBe(200)
    expect(before.json).toMatchObject({
      projectId: project.id,
      configured: false,
      issuer: null,
      clientId: null,
      hasClientSecret: false,
      updatedAt: null,
    })
    expect(before.json.redirectUri).toMatch(/\/v1\/auth\/oidc\/callback$/)
    const put = await withCookie('PUT', '/v1/project/oidc', cookies.admin, {
      body: {
        issuer: ISSUER,
        clientId: 'abc',
        clientSecret: CLIENT_SECRET,
        displayName: 'Acme ID',
      },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.json).toMatchObject({
      projectId: project.id,
      configured: true,
      issuer: ISSUER,
      clientId: 'abc',
      displayName: 'Acme ID',
      hasClientSecret: true,
      redirectUri: 'http://kundepuls.test/v1/auth/oidc/callback',
      signInUrl: `http://kundepuls.test/app/sso/${project.id}`,
    })
    const read = await withCookie('GET', '/v1/project/oidc', cookies.owner)
    expect(read.json).toEqual(put.json)
    expect(put.text + read.text).not.toContain(CLIENT_SECRET)
    const row = await env.DB.prepare('SELECT * FROM oidc_providers WHERE project_id = ?')
      .bind(project.id)
      .first<{ client_secret_sealed: string }>()
    expect(row!.client_secret_sealed).toMatch(/^v1\./)
    expect(JSON.stringify(row)).not.toContain(CLIENT_SECRET)
  })

  it('keeps the stored secret when a change leaves it out, and names the issuer host by default', async () => {
    const before = await env.DB.prepare(
      'SELECT client_secret_sealed AS s FROM oidc_providers WHERE project_id = ?',
    )
      .bind(project.id)
      .first<{ s: string }>()
    const res = await call('PUT', '/v1/project/oidc', {
      token: project.secretKey,
      body: { issuer: ISSUER, clientId: 'changed' },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({ clientId: 'changed', displayName: 'idp.example.com' })
    const after = await env.DB.prepare(
      'SELECT client_secret_sealed AS s FROM oidc_providers WHERE project_id = ?',
    )
      .bind(project.id)
      .first<{ s: string }>()
    expect(after!.s).toBe(before!.s)
  })

  it('refuses members and viewers to read or change it', async () => {
    for (const role of ['member', 'viewer'] as const) {
      for (const [method, body] of [
        ['GET', undefined],
        ['PUT', { issuer: ISSUER, clientId: 'x', clientSecret: 'y' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await withCookie(method, '/v1/project/oidc', cookies[role], { body })
        expectProblem(res, 403, 'insufficient_role')
      }
    }
    const read = await call('GET', '/v1/project/oidc', { token: project.secretKey })
    expect(read.json.clientId).toBe('changed')
  })

  it('refuses private, loopback and plain http issuers, and a new provider without a secret', async () => {
    const fresh = await createProject('SSO validation')
    for (const issuer of [
      'http://idp.example.com',
      'https://127.0.0.1',
      'https://10.0.0.8/realms/x',
      'https://[::1]:8443',
      'https://metadata',
      'https://idp.internal',
      'not a url',
      'https://idp.example.com/?tenant=1',
    ]) {
      const res = await configure(fresh.secretKey, { issuer })
      expectProblem(res, 400, 'validation_failed', 'issuer')
    }
    expectProblem(
      await configure(fresh.secretKey, { clientSecret: undefined }),
      400,
      'validation_failed',
      'clientSecret',
    )
    expectProblem(
      await configure(fresh.secretKey, { displayName: 'x'.repeat(61) }),
      400,
      'validation_failed',
      'displayName',
    )
    expectProblem(await configure(fresh.secretKey, { extra: 1 }), 400, 'validation_failed')
    // Nothing was stored by the refused calls.
    const after = await call('GET', '/v1/project/oidc', { token: fresh.secretKey })
    expect(after.json).toMatchObject({ configured: false, issuer: null })
  })

  it('lets an owner remove it; then the public lookup and a second removal answer 404', async () => {
    expect((await call('GET', `/v1/auth/oidc/${project.id}`)).json).toEqual({
      projectId: project.id,
      displayName: 'idp.example.com',
    })
    const res = await withCookie('DELETE', '/v1/project/oidc', cookies.owner)
    expect(res.status, res.text).toBe(204)
    expectProblem(await call('GET', `/v1/auth/oidc/${project.id}`), 404)
    expectProblem(await withCookie('DELETE', '/v1/project/oidc', cookies.owner), 404)
  })
})
