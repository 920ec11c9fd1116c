// The dashboard's sign-in and sign-out (POST/GET/DELETE /v1/sessions…).
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../schema/constants'
import { Session, SessionCreate } from '../../schema/keys'
import type { AppEnv } from '../env'
import { deleteSession } from '../db/sessions'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedRead } from '../lib/openapi'
import { ApiError, notFound } from '../lib/problem'
import { limitBody } from '../middleware/body-limit'
import { rateLimit } from '../middleware/rate-limit'
import { sameOrigin } from '../middleware/auth'
import { describeSession, signIn } from '../services/sessions'
import { controlDb } from '../db/resolve'
import { audit } from '../audit/audit'
import { contextFor } from '../context'

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Sign in to the dashboard: exchange an sk_ or rk_ key for a session cookie',
  description:
    'Sets `kp_session` (HttpOnly, SameSite=Strict, Path=/, Secure over https). The session ' +
    'lasts 12 hours after its last use and ends when its key is revoked. A call from a page ' +
    'must come from this site (Origin).',
  // An unauthenticated route: the per-address limit runs before the key lookup reads D1.
  middleware: [rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'sign-in' }), limitBody()],
  request: { body: jsonBody(SessionCreate) },
  responses: { 201: jsonContent(Session, 'Signed in'), ...problems(400, 401, 403, 413, 429) },
})

const current = createRoute({
  method: 'get',
  path: '/current',
  summary: 'Who is signed in: scope, project, session expiry',
  ...securedRead,
  responses: { 200: jsonContent(Session, 'The caller'), ...problems(401, 403) },
})

const end = createRoute({
  method: 'delete',
  path: '/current',
  summary: 'Sign out: ends the session on the server and clears the cookie',
  ...securedRead,
  // Only a cookie has a session to end (a Bearer key gets 404), read or full alike.
  security: [{ session: [] }],
  responses: { 204: { description: 'Signed out' }, ...problems(401, 403, 404) },
})

const cookieOptions = (c: Context) => ({
  httpOnly: true,
  sameSite: 'Strict' as const,
  path: '/',
  secure: new URL(c.req.url).protocol === 'https:',
})

export const sessionRoutes = createApp()
  .openapi(create, async (c) => {
    // A form on another site must not sign a victim in to the attacker's project (login CSRF).
    if (c.req.header('origin') !== undefined && !sameOrigin(c))
      throw new ApiError('origin_mismatch', 'Sign in from this site.')
    const s = await signIn(controlDb(c.env), c.req.valid('json').key, new Date())
    setCookie(c, SESSION_COOKIE, s.id, cookieOptions(c))
    const actor = {
      kind: 'session',
      sessionHash: '',
      scope: s.scope,
      expiresAt: s.expiresAt,
    } as const
    await audit(contextFor(c.env, s.projectId, actor), {
      action: 'sign_in',
      detail: { via: 'key' },
    })
    c.header('cache-control', 'no-store')
    return c.json(await describeSession(controlDb(c.env), s.projectId, s.scope, s.expiresAt), 201)
  })
  .openapi(current, async (c) => {
    const { projectId, actor } = c.var.ctx
    c.header('cache-control', 'no-store')
    const body = await describeSession(
      controlDb(c.env),
      projectId,
      actor.scope,
      actor.kind === 'session' ? actor.expiresAt : null,
    )
    return c.json(body, 200)
  })
  .openapi(end, async (c) => {
    const { actor } = c.var.ctx
    if (actor.kind !== 'session') throw notFound('Session (a Bearer key has none)')
    await deleteSession(controlDb(c.env), actor.sessionHash)
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c))
    return c.body(null, 204)
  })
