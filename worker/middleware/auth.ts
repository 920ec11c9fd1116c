// Who is calling: the admin token for tenants; for the manager API a project's key (Bearer sk_ or
// rk_), a key's dashboard session cookie, or a person's session cookie (their role in the chosen
// project gives the scope: viewer reads; member writes; owner and admin also manage the project).
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import {
  PROJECT_COOKIE,
  PROJECT_HEADER,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  TOUCH_INTERVAL_MS,
  USER_SESSION_COOKIE,
  USER_SESSION_TTL_MS,
} from '../../schema/constants'
import { MemberLimits, scopeOfRole } from '../../schema/roles'
import { contextFor, type CtxVariables, type ManagerActor } from '../context'
import type { AppEnv, Env } from '../env'
import { findApiKey, touchApiKey } from '../db/api-keys'
import { controlDb, dbFor } from '../db/resolve'
import { checkMemberLimits } from './member-limits'
import { extendSession, findSession } from '../db/sessions'
import { findUserSession, touchUserSession } from '../db/user-sessions'
import { findMembership, listMembershipsOfUser } from '../db/users'
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

/**
 * A person's session cookie (USER_SESSION_COOKIE) → their role in the project they chose. The
 * project is the `kundepuls-project` header, else the `kp_project` cookie (the dashboard's project
 * switcher), else the person's oldest membership. A header naming a project they do not belong to
 * is a 404 (as for any id of another tenant); a stale cookie falls back to the default.
 */
async function fromUserCookie(c: Context<ManagerEnv>, id: string, now: number): Promise<Caller> {
  const db = controlDb(c.env)
  const hash = await sha256Hex(id)
  const session = await findUserSession(db, hash)
  if (!session || Date.parse(session.expires_at) <= now)
    throw unauthorized('The session has ended; sign in again.')
  if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c))
    throw new ApiError(
      'origin_mismatch',
      'A change made with the session cookie must come from this site (Origin header).',
    )
  const header = c.req.header(PROJECT_HEADER)
  const chosen = header ?? getCookie(c, PROJECT_COOKIE)
  let membership = chosen ? await findMembership(db, chosen, session.user_id) : undefined
  if (!membership && header !== undefined) throw new ApiError('not_found', 'Project not found.')
  if (!membership) {
    const first = (await listMembershipsOfUser(db, session.user_id))[0]
    membership = first && (await findMembership(db, first.id, session.user_id))
  }
  if (!membership)
    throw new ApiError('no_project', 'You belong to no project yet: ask an owner to invite you.')
  const parsed = membership.limits ? MemberLimits.parse(JSON.parse(membership.limits)) : null
  // `{}` limits nothing: treated as no limits, so it does not fall to the default deny.
  const limits = parsed && Object.keys(parsed).length > 0 ? parsed : null
  const touch = stale(session.last_used_at, now)
    ? () =>
        touchUserSession(
          db,
          hash,
          new Date(now).toISOString(),
          new Date(now + USER_SESSION_TTL_MS).toISOString(),
        )
    : undefined
  return {
    projectId: membership.project_id,
    actor: {
      kind: 'user',
      userId: session.user_id,
      role: membership.role,
      scope: scopeOfRole(membership.role),
      limits: membership.role === 'member' ? limits : null,
      sessionHash: hash,
    },
    touch,
  }
}

/**
 * What a route needs: `read` (viewers, read keys), `full` (changes data: members and up, full
 * keys), `admin` (manages the project — keys, members, webhooks, connections, settings: owners
 * and admins, and full keys, which are the machines' and the project creator's credential).
 */
export type Need = 'read' | 'full' | 'admin'

/** Whether an actor may do what a route needs (the one place roles meet routes). */
export function allows(actor: ManagerActor, need: Need): boolean {
  if (need === 'read') return true
  if (actor.scope !== 'full') return false
  if (need === 'full') return true
  return actor.kind !== 'user' || actor.role === 'owner' || actor.role === 'admin'
}

/** What a route behind managerAuth gets: the request context (worker/context.ts). */
export interface ManagerEnv {
  Bindings: Env
  Variables: CtxVariables<ManagerActor>
}

function refusal(actor: ManagerActor, need: Need) {
  if (actor.kind === 'user')
    return new ApiError(
      'insufficient_role',
      need === 'admin'
        ? `Only owners and admins may do this; you are ${actor.role === 'admin' ? 'an' : 'a'} ${actor.role}.`
        : 'Viewers can read everything and change nothing.',
    )
  return new ApiError(
    'insufficient_scope',
    'This key (or session) is read-only: it can read everything and change nothing.',
  )
}

/**
 * The manager API's guard: `need` is what the route needs (see Need). A Bearer header wins over
 * cookies, so scripts never depend on browser state; a person's cookie wins over a key's.
 */
export function managerAuth(need: Need) {
  return createMiddleware<ManagerEnv>(async function managerAuth(c, next) {
    const header = c.req.header('authorization')
    const userCookie = getCookie(c, USER_SESSION_COOKIE)
    const cookie = getCookie(c, SESSION_COOKIE)
    const now = new Date()
    let who
    if (header !== undefined) {
      const token = bearer(header)
      if (!token) throw unauthorized('Send the key as Authorization: Bearer sk_… (or rk_…)')
      who = await fromBearer(c, token, now.getTime())
    } else if (userCookie) {
      who = await fromUserCookie(c, userCookie, now.getTime())
    } else if (cookie) {
      who = await fromCookie(c, cookie, now.getTime())
    } else {
      throw unauthorized('Send the project key as Authorization: Bearer sk_…, or sign in.')
    }
    if (!allows(who.actor, need)) throw refusal(who.actor, need)
    if (who.actor.kind === 'user' && who.actor.limits)
      await checkMemberLimits(c, dbFor(c.env, who.projectId), who.projectId, who.actor.limits)
    c.set('ctx', contextFor(c.env, who.projectId, who.actor, now))
    await next()
    // Only a call that succeeded counts as a use (last used, sliding expiry): a refused one
    // writes nothing. Writes are spaced TOUCH_INTERVAL_MS apart, so reads stay reads.
    if (who.touch && c.res.status < 400) await who.touch()
  })
}

/** A full key or a full session: the guard of `secured` (worker/lib/openapi.ts). */
export const secretKeyAuth = () => managerAuth('full')
