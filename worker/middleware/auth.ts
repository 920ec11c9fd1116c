// Who is calling: the admin token for tenants; for the manager API a project's key (Bearer sk_ or
// rk_) or a dashboard session cookie, each with a scope (read < full).
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  TOUCH_INTERVAL_MS,
  type KeyScope,
} from '../../schema/constants'
import { contextFor, type CtxVariables, type ManagerActor } from '../context'
import type { AppEnv, Env } from '../env'
import { findApiKey, touchApiKey } from '../db/api-keys'
import { controlDb } from '../db/resolve'
import { extendSession, findSession } from '../db/sessions'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { ApiError } from '../lib/problem'

const CHALLENGE = { 'www-authenticate': 'Bearer' }

function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S{1,200})$/i)
  return m?.[1]
}

const unauthorized = (detail: string) => new ApiError('unauthorized', detail, undefined, CHALLENGE)

export function adminAuth() {
  return createMiddleware<AppEnv>(async function adminAuth(c, next) {
    const token = bearer(c.req.header('authorization'))
    const expected = c.env.ADMIN_TOKEN
    if (!expected)
      throw new ApiError('admin_disabled', 'No ADMIN_TOKEN is configured on this deployment.')
    if (!token || !(await safeEqual(token, expected)))
      throw unauthorized('A valid admin token is required.')
    await next()
  })
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A state-changing call made with the cookie must come from our own pages (CSRF): browsers
 * send Origin on every non-GET fetch and form post, so a missing one is refused too.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Origin */
export function sameOrigin(c: Context): boolean {
  return c.req.header('origin') === new URL(c.req.url).origin
}

/** Writes `at` only when the stored time is older than TOUCH_INTERVAL_MS, so reads stay reads. */
const stale = (stored: string | null, now: number, interval = TOUCH_INTERVAL_MS) =>
  !stored || Date.parse(stored) < now - interval

interface Caller {
  projectId: string
  actor: ManagerActor
  touch: (() => Promise<void>) | undefined
}

/** Bearer key → project and scope; publishable keys cannot manage anything. */
async function fromBearer(c: Context<ManagerEnv>, token: string, now: number): Promise<Caller> {
  const db = controlDb(c.env)
  const key = await findApiKey(db, await sha256Hex(token))
  if (!key) throw unauthorized('Unknown or revoked API key.')
  if (key.kind !== 'secret') {
    throw new ApiError(
      'publishable_key',
      'A publishable key cannot manage a project; use a secret (sk_) or read (rk_) key.',
    )
  }
  const touch = stale(key.last_used_at, now)
    ? () => touchApiKey(db, key.hash, new Date(now).toISOString())
    : undefined
  return {
    projectId: key.project_id,
    actor: { kind: 'key', keyHash: key.hash, scope: key.scope },
    touch,
  }
}

/** Session cookie → project and scope; the expiry slides by SESSION_TTL_MS on use. */
async function fromCookie(c: Context<ManagerEnv>, id: string, now: number): Promise<Caller> {
  const db = controlDb(c.env)
  const hash = await sha256Hex(id)
  const session = await findSession(db, hash)
  if (!session || session.kind !== 'secret' || Date.parse(session.expires_at) <= now)
    throw unauthorized('The session has ended; sign in again.')
  // Authentication first (RFC 9110 §15.5.2, 401 before 403): a dead cookie is a 401 whatever
  // the Origin, so the client knows to sign in again rather than that it called from elsewhere.
  if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c))
    throw new ApiError(
      'origin_mismatch',
      'A change made with the session cookie must come from this site (Origin header).',
    )
  let expiresAt = session.expires_at
  let touch: (() => Promise<void>) | undefined
  // The stored expiry is now + TTL as of the last touch: older than TOUCH_INTERVAL → move it.
  if (Date.parse(expiresAt) < now + SESSION_TTL_MS - TOUCH_INTERVAL_MS) {
    const next = (expiresAt = new Date(now + SESSION_TTL_MS).toISOString())
    touch = () => extendSession(db, hash, next)
  }
  return {
    projectId: session.project_id,
    actor: { kind: 'session', sessionHash: hash, scope: session.scope, expiresAt },
    touch,
  }
}

/** What a route behind managerAuth gets: the request context (worker/context.ts). */
export interface ManagerEnv {
  Bindings: Env
  Variables: CtxVariables<ManagerActor>
}

const insufficientScope = () =>
  new ApiError(
    'insufficient_scope',
    'This key (or session) is read-only: it can read everything and change nothing.',
  )

/**
 * The manager API's guard. `need` = 'full' for anything that changes data, 'read' for reads.
 * A Bearer header wins over the cookie, so scripts never depend on browser state.
 */
export function managerAuth(need: KeyScope) {
  return createMiddleware<ManagerEnv>(async function managerAuth(c, next) {
    const header = c.req.header('authorization')
    const cookie = getCookie(c, SESSION_COOKIE)
    const now = new Date()
    let who
    if (header !== undefined) {
      const token = bearer(header)
      if (!token) throw unauthorized('Send the key as Authorization: Bearer sk_… (or rk_…)')
      who = await fromBearer(c, token, now.getTime())
    } else if (cookie) {
      who = await fromCookie(c, cookie, now.getTime())
    } else {
      throw unauthorized('Send the project key as Authorization: Bearer sk_…, or sign in.')
    }
    if (need === 'full' && who.actor.scope !== 'full') throw insufficientScope()
    c.set('ctx', contextFor(c.env, who.projectId, who.actor, now))
    await next()
    // Only a call that succeeded counts as a use (last used, sliding expiry): a refused one
    // writes nothing. Writes are spaced TOUCH_INTERVAL_MS apart, so reads stay reads.
    if (who.touch && c.res.status < 400) await who.touch()
  })
}

/** A full key or a full session: the guard of `secured` (worker/lib/openapi.ts). */
export const secretKeyAuth = () => managerAuth('full')
