// Single sign-on against a fake provider (test/worker/oidc-helpers.ts): a member signs in with
// the same session as a password sign-in; every refusal sends the browser back with its reason
// and signs nobody in, creates nobody.
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { call, createProject } from '../helpers'
import { invite, member, newEmail } from '../account-helpers'
import {
  CLIENT_ID,
  CLIENT_SECRET,
  configure,
  cookieOf,
  fakeProvider,
  ISSUER,
  navigate,
  startSignIn,
} from '../oidc-helpers'

let project: Awaited<ReturnType<typeof createProject>>
let memberEmail: string

beforeAll(async () => {
  project = await createProject('SSO')
  memberEmail = (await member(project.secretKey, 'admin')).email
  expect((await configure(project.secretKey, { displayName: 'Acme ID' })).status).toBe(200)
})

afterEach(() => vi.restoreAllMocks())

const refusedTo = (reason: string, projectId = project.id) =>
  `/app/sso/${projectId}?error=${reason}`

/** Starts a flow and comes back with a code; the provider signs what `claims` says. */
async function signIn(claims: Record<string, unknown>, tamper?: (p: URLSearchParams) => void) {
  const provider = fakeProvider()
  const started = await startSignIn(project.id)
  provider.claims = { nonce: started.params.get('nonce'), ...claims }
  const back = new URLSearchParams({ code: 'the-code', state: started.params.get('state')! })
  tamper?.(back)
  const res = await navigate(`/v1/auth/oidc/callback?${back}`, started.flowCookie)
  return { res, provider, started, session: cookieOf(res.headers, 'kp_user') }
}

const sessionsOf = async (email: string) =>
  (await env.DB.prepare(
    'SELECT count(*) AS n FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?',
  )
    .bind(email)
    .first<{ n: number }>())!.n

describe('single sign-on', () => {
  it('sends the browser to the provider with PKCE, state and nonce, and seals them in a cookie', async () => {
    fakeProvider()
    const { res, url, params, flowCookie } = await startSignIn(project.id)
    expect(res.status).toBe(302)
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}/authorize`)
    expect(params.get('client_id')).toBe(CLIENT_ID)
    expect(params.get('redirect_uri')).toBe('http://kundepuls.test/v1/auth/oidc/callback')
    expect(params.get('scope')).toBe('openid email')
    expect(params.get('code_challenge_method')).toBe('S256')
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params.get('state')).toBeTruthy()
    expect(params.get('nonce')).toBeTruthy()
    const set = res.headers.getSetCookie().find((c) => c.startsWith('kp_oidc='))!
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/Path=\/v1\/auth\/oidc/)
    expect(set).toMatch(/SameSite=Lax/i)
    // Sealed: neither the state nor the nonce can be read from it.
    expect(flowCookie).not.toContain(params.get('state'))
    expect(flowCookie).not.toContain(params.get('nonce'))
  })

  it('signs a member in with a verified email: the same session as a password sign-in', async () => {
    const before = await sessionsOf(memberEmail)
    const { res, session, provider } = await signIn({
      email: memberEmail.toUpperCase(),
      email_verified: true,
    })
    expect(res.status).toBe(303)
    expect(res.location).toBe('/app?sso=ok')
    expect(session).toMatch(/^kp_user=/)
    expect(cookieOf(res.headers, 'kp_project')).toBe(`kp_project=${project.id}`)
    expect(await sessionsOf(memberEmail)).toBe(before + 1)
    // client_secret_basic with the secret that was sealed.
    // (RFC 6749 §2.3.1: each part form-urlencoded, then Basic.)
    const basic = atob(provider.tokenAuth[0]!.replace('Basic ', '')).split(':')
    expect(basic.map(decodeURIComponent)).toEqual([CLIENT_ID, CLIENT_SECRET])
    const me = await call('GET', '/v1/auth/me', { headers: { cookie: session } })
    expect(me.status, me.text).toBe(200)
    expect(me.json.user.email.toLowerCase()).toBe(memberEmail.toLowerCase())
    expect(me.json.projectId).toBe(project.id)
    const audit = await call('GET', '/v1/audit?action=sign_in', { token: project.secretKey })
    expect(audit.json.data[0]).toMatchObject({ action: 'sign_in', detail: { via: 'oidc' } })
  })

  it('refuses a callback whose state was tampered with, before asking the provider', async () => {
    const before = await sessionsOf(memberEmail)
    const { res, session, provider } = await signIn(
      { email: memberEmail, email_verified: true },
      (p) => p.set('state', `${p.get('state')}x`),
    )
    expect(res.status).toBe(303)
    expect(res.location).toBe(refusedTo('state_mismatch'))
    expect(session).toBe('')
    expect(provider.fetched.filter((u) => u.endsWith('/token'))).toEqual([])
    expect(await sessionsOf(memberEmail)).toBe(before)
  })

  it('refuses a callback without the flow cookie, or with a forged one', async () => {
    fakeProvider()
    const started = await startSignIn(project.id)
    const back = `/v1/auth/oidc/callback?code=c&state=${started.params.get('state')}`
    for (const cookie of [undefined, 'kp_oidc=v1.AAAA.BBBB', `${started.flowCookie}x`]) {
      const res = await navigate(back, cookie)
      expect(res.location).toBe('/app/sso?error=state_mismatch')
      expect(cookieOf(res.headers, 'kp_user')).toBe('')
    }
  })

  it('refuses an ID token with the wrong nonce', async () => {
    const { res, session } = await signIn({
      email: memberEmail,
      email_verified: true,
      nonce: 'not-the-nonce',
    })
    expect(res.location).toBe(refusedTo('token_rejected'))
    expect(session).toBe('')
  })

  it('refuses an ID token from another issuer, or for another client', async () => {
    for (const claims of [{ iss: 'https://evil.example.com' }, { aud: 'another-client' }]) {
      const { res, session } = await signIn({ email: memberEmail, email_verified: true, ...claims })
      expect(res.location).toBe(refusedTo('token_rejected'))
      expect(session).toBe('')
    }
  })

  it('refuses a provider whose discovery names another issuer', async () => {
    const provider = fakeProvider()
    provider.metadata = { issuer: 'https://evil.example.com' }
    const res = await navigate(`/v1/auth/oidc/${project.id}/start`)
    expect(res.location).toBe(refusedTo('provider_error'))
  })

  it('refuses an email the provider has not verified', async () => {
    for (const claims of [{ email_verified: false }, {}, { email_verified: 'true' }]) {
      const { res, session } = await signIn({ email: memberEmail, ...claims })
      expect(res.location).toBe(refusedTo('email_unverified'))
      expect(session).toBe('')
    }
  })

  it('refuses a verified email that is not a member, and creates nobody', async () => {
    const stranger = newEmail('stranger')
    const { res, session } = await signIn({ email: stranger, email_verified: true })
    expect(res.location).toBe(refusedTo('not_a_member'))
    expect(session).toBe('')
    const user = await env.DB.prepare('SELECT id FROM users WHERE email = ?').bind(stranger).first()
    expect(user).toBeNull()
    const audit = await call('GET', '/v1/audit?action=sign_in_failed', { token: project.secretKey })
    expect(audit.json.data[0]).toMatchObject({
      actor: 'public',
      detail: { via: 'oidc', reason: 'not_a_member' },
    })
  })

  it("refuses a member of another project: membership is the project's, not the address's", async () => {
    const other = await createProject('Other')
    const outsider = (await member(other.secretKey, 'owner')).email
    const { res, session } = await signIn({ email: outsider, email_verified: true })
    expect(res.location).toBe(refusedTo('not_a_member'))
    expect(session).toBe('')
  })

  it('lets an invited person in once: the invitation is redeemed with its role', async () => {
    const email = newEmail('invited')
    const inv = await invite(project.secretKey, { email, role: 'viewer' })
    const { res, session } = await signIn({ email, email_verified: true })
    expect(res.location).toBe('/app?sso=ok')
    const me = await call('GET', '/v1/auth/me', { headers: { cookie: session } })
    expect(me.json.projects).toEqual([expect.objectContaining({ id: project.id, role: 'viewer' })])
    const row = await env.DB.prepare(
      'SELECT used_at, password_hash FROM member_invites i JOIN users u ON u.email = i.email WHERE i.id = ?',
    )
      .bind(inv.id)
      .first<{ used_at: string | null; password_hash: string | null }>()
    expect(row!.used_at).not.toBeNull()
    expect(row!.password_hash).toBeNull()
  })

  it("passes on the provider's own refusal (the person declined)", async () => {
    fakeProvider()
    const started = await startSignIn(project.id)
    const back = new URLSearchParams({
      error: 'access_denied',
      state: started.params.get('state')!,
    })
    const res = await navigate(`/v1/auth/oidc/callback?${back}`, started.flowCookie)
    expect(res.location).toBe(refusedTo('provider_error'))
  })

  it('refuses to start for a project without a provider, and never calls out', async () => {
    const bare = await createProject('No SSO')
    const provider = fakeProvider()
    const res = await navigate(`/v1/auth/oidc/${bare.id}/start`)
    expect(res.status).toBe(302)
    expect(res.location).toBe(refusedTo('not_configured', bare.id))
    expect(cookieOf(res.headers, 'kp_oidc')).toBe('')
    expect(provider.fetched).toEqual([])
  })

  it('reaches no private address in production, even when one was stored earlier', async () => {
    const local = await createProject('Local issuer')
    expect((await configure(local.secretKey)).status).toBe(200)
    // As if saved while the deployment allowed local targets (development), then deployed.
    await env.DB.prepare(
      "UPDATE oidc_providers SET issuer = 'http://127.0.0.1:9999' WHERE project_id = ?",
    )
      .bind(local.id)
      .run()
    const provider = fakeProvider('http://127.0.0.1:9999')
    const res = await navigate(`/v1/auth/oidc/${local.id}/start`)
    expect(res.location).toBe(refusedTo('provider_unreachable', local.id))
    expect(provider.fetched).toEqual([])
  })

  it('counts the address before reading anything (AUTH_LIMITER)', async () => {
    const ip = '198.18.7.7'
    const provider = fakeProvider()
    for (const path of [
      `/v1/auth/oidc/${project.id}`,
      `/v1/auth/oidc/${project.id}/start`,
      '/v1/auth/oidc/callback?state=x',
    ]) {
      let last = 0
      for (let i = 0; i < 40 && last !== 429; i++)
        last = (await navigate(path, undefined, ip)).status
      expect(last, path).toBe(429)
    }
    // The limiter answered before any provider call or D1 read of the refused requests.
    const before = provider.fetched.length
    expect((await navigate(`/v1/auth/oidc/${project.id}/start`, undefined, ip)).status).toBe(429)
    expect(provider.fetched.length).toBe(before)
  })
})
