// A fake OpenID Connect provider for the worker tests: discovery, JWKS and a token endpoint that
// signs the ID token the test asks for, served by a stub of the worker's outbound fetch. The
// browser test (test/browser/oidc.test.ts) signs in through a real one (panva's oidc-provider).
import { SELF } from 'cloudflare:test'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import { vi } from 'vitest'
import { call, testAddress } from './helpers'

export const ISSUER = 'https://idp.example.com'
export const CLIENT_ID = 'kundepuls-test'
export const CLIENT_SECRET = 'the-client-secret-0123456789'

const keys = await generateKeyPair('RS256')
const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }

export interface FakeProvider {
  /** What the next ID token says, over the defaults (the nonce of the last authorization URL). */
  claims: JWTPayload
  /** Metadata overrides, e.g. another issuer. */
  metadata: Record<string, unknown>
  /** Every URL the worker fetched. */
  fetched: string[]
  /** Token requests' Authorization headers. */
  tokenAuth: (string | null)[]
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Stubs globalThis.fetch (the worker's outbound fetch in this isolate) with the provider. */
export function fakeProvider(issuer = ISSUER): FakeProvider {
  const p: FakeProvider = { claims: {}, metadata: {}, fetched: [], tokenAuth: [] }
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    p.fetched.push(url)
    if (url === `${issuer}/.well-known/openid-configuration`)
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        ...p.metadata,
      })
    if (url === `${issuer}/jwks`) return json({ keys: [jwk] })
    if (url === `${issuer}/token`) {
      p.tokenAuth.push(new Headers(init?.headers).get('authorization'))
      const now = Math.floor(Date.now() / 1000)
      const idToken = await new SignJWT({
        iss: issuer,
        aud: CLIENT_ID,
        sub: 'subject-1',
        iat: now,
        exp: now + 300,
        ...p.claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .sign(keys.privateKey)
      return json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken })
    }
    return new Response('not found', { status: 404 })
  })
  return p
}

/** A GET as a browser navigates: redirects are returned, not followed. */
export async function navigate(path: string, cookie?: string, ip = testAddress()) {
  const res = await SELF.fetch(`http://kundepuls.test${path}`, {
    redirect: 'manual',
    headers: { 'cf-connecting-ip': ip, ...(cookie ? { cookie } : {}) },
  })
  await res.text()
  return { status: res.status, location: res.headers.get('location') ?? '', headers: res.headers }
}

/** The cookie a response sets under `name`, as a Cookie header value ('' when none). */
export const cookieOf = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .find((h) => h.startsWith(`${name}=`) && !h.startsWith(`${name}=;`))
    ?.split(';')[0] ?? ''

/** Configures the fake provider on the project of `token`. */
export async function configure(token: string, extra: Record<string, unknown> = {}) {
  return call('PUT', '/v1/project/oidc', {
    token,
    body: { issuer: ISSUER, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...extra },
  })
}

/** Starts a sign-in: the authorization URL's parameters and the flow cookie. */
export async function startSignIn(projectId: string) {
  const res = await navigate(`/v1/auth/oidc/${projectId}/start`)
  const url = new URL(res.location)
  return { res, url, params: url.searchParams, flowCookie: cookieOf(res.headers, 'kp_oidc') }
}
