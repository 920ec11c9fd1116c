// Single sign-on with a project's OpenID Connect provider: the authorization code flow with PKCE
// (RFC 7636), state and nonce (OpenID Connect Core 1.0 §3.1.2.1, §15.5.2). The flow's secrets
// live in a short-lived HttpOnly cookie sealed under ENCRYPTION_KEY (worker/lib/secret-box.ts),
// so the worker keeps no rows for abandoned sign-ins. openid-client checks the ID token
// (signature, `iss`, `aud`, `exp`, `nonce`) and the state; we check the verified email and that
// its owner belongs to the project — members only, or a live invitation to that address, which
// this sign-in redeems (an admin invited them; nobody joins who was not invited).
import * as client from 'openid-client'
import { z } from 'zod'
import { OIDC_LIMITS, type OidcRefusal } from '../../schema/constants'
import { contextFor } from '../context'
import { audit } from '../audit/audit'
import type { Env } from '../env'
import { findLiveInviteFor } from '../db/member-invites'
import { findOidcProvider } from '../db/oidc-providers'
import { controlDb } from '../db/resolve'
import { findMembership, findUserByEmail } from '../db/users'
import { open, seal } from '../lib/secret-box'
import { startUserSession } from '../services/accounts'
import { redeemInvite } from '../services/members'
import { providerConfig, TargetRefused } from './provider'
import { redirectUriFor } from './settings'
import { scopeOfRole } from '../../schema/roles'

const FLOW_CONTEXT = 'oidc:flow'

const Flow = z.object({
  projectId: z.string(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  expiresAt: z.number(),
})
type Flow = z.infer<typeof Flow>

export type Refused = { ok: false; reason: OidcRefusal; projectId: string | null; detail: string }
const refused = (reason: OidcRefusal, projectId: string | null, detail: string): Refused => ({
  ok: false,
  reason,
  projectId,
  detail,
})

/** The error and the causes it wraps (openid-client wraps what a fetch threw). */
function chainOf(err: unknown): unknown[] {
  const chain: unknown[] = []
  for (
    let e = err;
    e !== undefined && chain.length < 5;
    e = e instanceof Error ? e.cause : undefined
  )
    chain.push(e)
  return chain
}

/**
 * Why talking to the provider failed, as the person is told: our guard refused the target or it
 * did not answer (unreachable); its metadata or its answer was an error (provider_error); or,
 * once it answered a token, something in it failed a check (token_rejected).
 */
function providerFailure(err: unknown, projectId: string, stage: 'discovery' | 'grant'): Refused {
  const chain = chainOf(err)
  const detail = chain.map((e) => (e instanceof Error ? e.message : String(e))).join(' <- ')
  const network = (e: unknown) =>
    e instanceof TargetRefused ||
    (e instanceof Error && ['TypeError', 'AbortError', 'TimeoutError'].includes(e.name))
  if (chain.some(network)) return refused('provider_unreachable', projectId, detail)
  if (stage === 'discovery') return refused('provider_error', projectId, detail)
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError)
    return refused('provider_error', projectId, detail)
  return refused('token_rejected', projectId, detail)
}

/** Where to send the browser to sign in, and the sealed cookie that must come back with it. */
export async function startOidcSignIn(
  env: Env,
  projectId: string,
  origin: string,
  now: Date,
): Promise<{ ok: true; url: string; cookie: string } | Refused> {
  const row = await findOidcProvider(controlDb(env), projectId)
  if (!row) return refused('not_configured', projectId, 'no provider for this project')
  let config: client.Configuration
  try {
    config = await providerConfig(env, row)
  } catch (err) {
    return providerFailure(err, projectId, 'discovery')
  }
  const flow: Flow = {
    projectId,
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    expiresAt: now.getTime() + OIDC_LIMITS.flowMs,
  }
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriFor(origin),
    scope: 'openid email',
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  })
  const cookie = await seal(env.ENCRYPTION_KEY, JSON.stringify(flow), FLOW_CONTEXT)
  return { ok: true, url: url.toString(), cookie }
}

async function openFlow(env: Env, sealed: string | undefined, now: Date) {
  if (!sealed) return undefined
  try {
    const flow = Flow.safeParse(JSON.parse(await open(env.ENCRYPTION_KEY, sealed, FLOW_CONTEXT)))
    return flow.success && flow.data.expiresAt > now.getTime() ? flow.data : undefined
  } catch {
    return undefined
  }
}

/** The verified email of the signed-in person: from the ID token, else from userinfo. */
async function verifiedEmail(
  config: client.Configuration,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
) {
  const claims = tokens.claims()
  if (!claims) throw new Error('no ID token')
  if (typeof claims.email === 'string')
    return { email: claims.email, verified: claims.email_verified === true }
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
  return { email: info.email ?? null, verified: info.email_verified === true }
}

/**
 * The provider's answer (the callback URL) → a session of a member of the flow's project.
 * Refusals change nothing but the project's audit log (who tried, once the state matched); the
 * caller sends the browser to the sign-in page with the reason.
 */
export async function finishOidcSignIn(
  env: Env,
  sealedFlow: string | undefined,
  callbackUrl: URL,
  userAgent: string,
  now: Date,
) {
  const outcome = await finish(env, sealedFlow, callbackUrl, userAgent, now)
  if (!outcome.ok && outcome.projectId && outcome.reason !== 'state_mismatch')
    await audit(contextFor(env, outcome.projectId, { kind: 'public' }, now), {
      action: 'sign_in_failed',
      detail: { via: 'oidc', reason: outcome.reason },
    })
  return outcome
}

async function finish(
  env: Env,
  sealedFlow: string | undefined,
  callbackUrl: URL,
  userAgent: string,
  now: Date,
) {
  const flow = await openFlow(env, sealedFlow, now)
  if (!flow) return refused('state_mismatch', null, 'no live sign-in in this browser')
  const { projectId } = flow
  // Checked before any call to the provider: a forged or replayed callback costs nothing.
  if (callbackUrl.searchParams.get('state') !== flow.state)
    return refused('state_mismatch', projectId, 'state differs from the one sent')
  const db = controlDb(env)
  const row = await findOidcProvider(db, projectId)
  if (!row) return refused('not_configured', projectId, 'the provider was removed')
  let config: client.Configuration
  try {
    config = await providerConfig(env, row)
  } catch (err) {
    return providerFailure(err, projectId, 'discovery')
  }
  let found: { email: string | null; verified: boolean }
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    found = await verifiedEmail(config, tokens)
  } catch (err) {
    return providerFailure(err, projectId, 'grant')
  }
  if (!found.email || !found.verified)
    return refused('email_unverified', projectId, 'the provider did not verify the email')
  const at = now.toISOString()
  let user = await findUserByEmail(db, found.email)
  let membership = user ? await findMembership(db, projectId, user.id) : undefined
  if (!membership) {
    const invite = await findLiveInviteFor(db, projectId, found.email, at)
    if (!invite)
      return refused('not_a_member', projectId, 'no member or invitation with this email')
    // Two sign-ins racing for one invitation: the loser is told as if it had not been invited.
    const joined = await redeemInvite(db, invite, user, '', at).catch(() => undefined)
    if (!joined) return refused('not_a_member', projectId, 'the invitation was used meanwhile')
    user = joined
    membership = await findMembership(db, projectId, user.id)
  }
  if (!user || !membership) return refused('not_a_member', projectId, 'membership vanished')
  const session = await startUserSession(env, user.id, userAgent, now)
  const actor = {
    kind: 'user',
    userId: user.id,
    role: membership.role,
    scope: scopeOfRole(membership.role),
    limits: null,
    sessionHash: '',
  } as const
  const ctx = contextFor(env, projectId, actor, now)
  await audit(ctx, { action: 'sign_in', target: user.id, detail: { via: 'oidc' } })
  return { ok: true as const, projectId, ...session }
}
