// Single sign-on with a project's OpenID Connect provider (/v1/auth/oidc): what the sign-in page
// may show, the start of the flow and the provider's callback. Public, so each route counts the
// address with AUTH_LIMITER before any D1 read. Browser navigations, not API calls: a refusal
// sends the browser to the dashboard's sign-in page with the reason, which it words.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { PROJECT_COOKIE, USER_SESSION_COOKIE } from '../../schema/constants'
import { Id } from '../../schema/fields'
import { OIDC_FLOW_COOKIE, OIDC_LIMITS, type OidcRefusal } from '../../schema/constants'
import { OidcPublic } from '../../schema/oidc'
import { findOidcProvider } from '../db/oidc-providers'
import { controlDb } from '../db/resolve'
import type { AppEnv } from '../env'
import { createApp } from '../lib/app'
import { jsonContent, problems } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { rateLimit } from '../middleware/rate-limit'
import { finishOidcSignIn, startOidcSignIn } from '../oidc/flow'
import { userCookieOptions } from './auth'

const chain = <M extends MiddlewareHandler[]>(...middleware: M) => middleware
const limited = (scope: string) => chain(rateLimit({ binding: 'AUTH_LIMITER', scope }))
const params = z.object({ projectId: Id })

/** Only the callback reads the flow cookie; it lives as long as a sign-in may take. */
const flowCookieOptions = (c: Context<AppEnv>) => ({
  httpOnly: true,
  // Lax: the provider's redirect back is a top-level GET from its site, which Lax lets through.
  sameSite: 'Lax' as const,
  path: '/v1/auth/oidc',
  secure: new URL(c.req.url).protocol === 'https:',
  maxAge: OIDC_LIMITS.flowMs / 1000,
})

const redirected = (description: string) => ({
  description,
  headers: z.object({ location: z.string() }),
})

const info = createRoute({
  method: 'get',
  path: '/{projectId}',
  summary: "Whether a project offers single sign-on, and its provider's name (for the button)",
  middleware: limited('oidc-info'),
  request: { params },
  responses: { 200: jsonContent(OidcPublic, 'The provider'), ...problems(400, 404, 429) },
})

const start = createRoute({
  method: 'get',
  path: '/{projectId}/start',
  summary: "Start single sign-on: redirects to the project's OpenID Connect provider",
  description:
    'Authorization code flow with PKCE (S256), state and nonce, scope `openid email`; they ride ' +
    'in a sealed HttpOnly cookie for 10 minutes. When the project has no provider or it cannot ' +
    'be reached, redirects to `/app/sso/{projectId}?error=<reason>` instead.',
  middleware: limited('oidc-start'),
  request: { params },
  responses: {
    302: redirected("To the provider's authorization endpoint, or back with ?error="),
    ...problems(400, 429),
  },
})

const callback = createRoute({
  method: 'get',
  path: '/callback',
  summary: 'The redirect URI to register at the provider: finishes single sign-on',
  description:
    'Checks the state against the cookie, then (openid-client) the ID token: signature, issuer, ' +
    'audience, expiry, nonce. The email must be verified (`email_verified: true`) and belong to ' +
    'a member of the project, or to a live invitation to it (which this redeems). Signed in: ' +
    'the session cookie is set and the browser goes to /app?sso=ok. Refused: to ' +
    '`/app/sso/{projectId}?error=<reason>` (state_mismatch, token_rejected, email_unverified, ' +
    'not_a_member, not_configured, provider_error, provider_unreachable); nothing is created.',
  middleware: limited('oidc-callback'),
  request: {
    query: z.object({
      code: z.string().max(2048).optional(),
      state: z.string().max(512).optional(),
      iss: z.string().max(512).optional(),
      error: z.string().max(256).optional(),
      error_description: z.string().max(1024).optional(),
    }),
  },
  responses: {
    303: redirected('To /app signed in, or to the sign-in page with ?error='),
    ...problems(400, 429),
  },
})

/** The dashboard's single sign-on page for the project, with the reason it was refused. */
const refusedAt = (projectId: string | null, reason: OidcRefusal) =>
  `/app/sso${projectId ? `/${encodeURIComponent(projectId)}` : ''}?error=${reason}`

// The callback is registered before /{projectId}: both are one segment under /v1/auth/oidc.
export const oidcAuthRoutes = createApp()
  .openapi(callback, async (c) => {
    c.header('cache-control', 'no-store')
    const outcome = await finishOidcSignIn(
      c.env,
      getCookie(c, OIDC_FLOW_COOKIE),
      new URL(c.req.url),
      c.req.header('user-agent') ?? '',
      new Date(),
    )
    deleteCookie(c, OIDC_FLOW_COOKIE, flowCookieOptions(c))
    if (!outcome.ok) {
      console.log(`oidc sign-in refused (${outcome.reason}): ${outcome.detail}`)
      return c.redirect(refusedAt(outcome.projectId, outcome.reason), 303)
    }
    setCookie(c, USER_SESSION_COOKIE, outcome.cookie, userCookieOptions(c))
    setCookie(c, PROJECT_COOKIE, outcome.projectId, { ...userCookieOptions(c), httpOnly: false })
    return c.redirect('/app?sso=ok', 303)
  })
  .openapi(info, async (c) => {
    const { projectId } = c.req.valid('param')
    const row = await findOidcProvider(controlDb(c.env), projectId)
    if (!row) throw notFound('Single sign-on for this project')
    c.header('cache-control', 'no-store')
    return c.json({ projectId, displayName: row.display_name }, 200)
  })
  .openapi(start, async (c) => {
    const { projectId } = c.req.valid('param')
    c.header('cache-control', 'no-store')
    const origin = new URL(c.req.url).origin
    const started = await startOidcSignIn(c.env, projectId, origin, new Date())
    if (!started.ok) {
      console.log(`oidc start refused (${started.reason}): ${started.detail}`)
      return c.redirect(refusedAt(projectId, started.reason), 302)
    }
    setCookie(c, OIDC_FLOW_COOKIE, started.cookie, flowCookieOptions(c))
    return c.redirect(started.url, 302)
  })
