// People signing in as themselves (/v1/auth): password sign-in and sign-out, "your sessions",
// the project switcher, password reset (passkeys: passkeys.ts). Public routes count the address (and the account) before
// any D1 read or password hash; cookie calls that change something need our Origin (CSRF).
import { createRoute, z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  InviteAccept,
  InviteView,
  PasswordResetConfirm,
  PasswordResetRequest,
  Me,
  Token,
  ProjectChoice,
  SignIn,
  UserSessionList,
} from '../../schema/accounts'
import { PROJECT_COOKIE, USER_SESSION_COOKIE, USER_SESSION_TTL_MS } from '../../schema/constants'
import { Id } from '../../schema/fields'
import type { AppEnv } from '../env'
import { controlDb } from '../db/resolve'
import { deleteUserSessionById } from '../db/user-sessions'
import { findMembership } from '../db/users'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems } from '../lib/openapi'
import { ApiError, notFound } from '../lib/problem'
import { sameOrigin } from '../middleware/auth'
import { limitBody } from '../middleware/body-limit'
import { limitKey, rateLimit } from '../middleware/rate-limit'
import { userSession } from '../middleware/user-session'
import { acceptInvite, lookupInvite } from '../services/members'
import {
  confirmPasswordReset,
  describeMe,
  listSessionsOf,
  requestPasswordReset,
  signInWithPassword,
} from '../services/accounts'

/** The middleware as a tuple, so a handler gets the variables each one sets (worker/lib/openapi.ts). */
const chain = <M extends MiddlewareHandler[]>(...middleware: M) => middleware
export const limited = (scope: string) =>
  chain(rateLimit({ binding: 'AUTH_LIMITER', scope }), limitBody())
export const mine = {
  middleware: chain(limitBody(), userSession()),
  security: [{ userSession: [] }],
}

export const userCookieOptions = (c: Context) => ({
  httpOnly: true,
  // Lax, not Strict: a person following a link from their email to the dashboard arrives signed
  // in; every change still needs our Origin, so Lax lets no cross-site write through.
  sameSite: 'Lax' as const,
  path: '/',
  secure: new URL(c.req.url).protocol === 'https:',
  maxAge: USER_SESSION_TTL_MS / 1000,
})

/** A form on another site must not sign a victim in to the attacker's account (login CSRF). */
export function fromThisSite(c: Context) {
  if (c.req.header('origin') !== undefined && !sameOrigin(c))
    throw new ApiError('origin_mismatch', 'Sign in from this site.')
}

/**
 * The answer of every sign-in (password, passkey): the session cookie and who is signed in. One
 * place, so a passkey session is the same session a password starts.
 */
export async function answerSignedIn(
  c: Context<AppEnv>,
  s: { userId: string; cookie: string; expiresAt: string },
) {
  setCookie(c, USER_SESSION_COOKIE, s.cookie, userCookieOptions(c))
  c.header('cache-control', 'no-store')
  return describeMe(c.env, s.userId, getCookie(c, PROJECT_COOKIE) ?? null, s.expiresAt)
}

const signIn = createRoute({
  method: 'post',
  path: '/sign-in',
  summary: 'Sign in with email and password: sets the kp_user session cookie',
  description:
    'HttpOnly, SameSite=Lax, Secure over https; lasts 7 days after its last use. Limited per ' +
    'address and per account before the password is checked.',
  middleware: limited('sign-in'),
  request: { body: jsonBody(SignIn) },
  responses: { 201: jsonContent(Me, 'Signed in'), ...problems(400, 401, 403, 413, 429) },
})

const signOut = createRoute({
  method: 'post',
  path: '/sign-out',
  summary: 'Sign out: ends this session and clears the cookie',
  ...mine,
  responses: { 204: { description: 'Signed out' }, ...problems(401, 403) },
})

const me = createRoute({
  method: 'get',
  path: '/me',
  summary: 'Who is signed in, their projects and the current one',
  ...mine,
  responses: { 200: jsonContent(Me, 'The person'), ...problems(401) },
})

const chooseProject = createRoute({
  method: 'put',
  path: '/project',
  summary: 'Switch project: the dashboard acts in this one from now on (kp_project cookie)',
  ...mine,
  request: { body: jsonBody(ProjectChoice) },
  responses: { 200: jsonContent(Me, 'Switched'), ...problems(400, 401, 403, 404, 413, 415) },
})

const sessions = createRoute({
  method: 'get',
  path: '/sessions',
  summary: 'Your sessions: every browser signed in as you',
  ...mine,
  responses: { 200: jsonContent(UserSessionList, 'Sessions'), ...problems(401) },
})

const revoke = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  summary: 'End one of your sessions (sign a lost device out)',
  ...mine,
  request: { params: z.object({ id: Id }) },
  responses: { 204: { description: 'Ended' }, ...problems(401, 403, 404) },
})

const resetRequest = createRoute({
  method: 'post',
  path: '/password-reset',
  summary:
    'Email a single-use link to set a new password (answers 202 whether or not the address has an account)',
  middleware: limited('password-reset'),
  request: { body: jsonBody(PasswordResetRequest) },
  responses: {
    202: { description: 'Sent if the account exists' },
    ...problems(400, 403, 413, 429),
  },
})

const resetConfirm = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  summary: 'Set a new password with a reset link (once, within an hour); ends every session',
  middleware: limited('password-reset-confirm'),
  request: { body: jsonBody(PasswordResetConfirm) },
  responses: { 204: { description: 'Password set' }, ...problems(400, 403, 410, 413, 429) },
})

const inviteLookup = createRoute({
  method: 'post',
  path: '/invites/lookup',
  summary: 'What an invitation link offers (project, role, whether the address has an account)',
  middleware: limited('invite'),
  request: { body: jsonBody(z.object({ token: Token }).strict()) },
  responses: { 200: jsonContent(InviteView, 'The invitation'), ...problems(400, 410, 413, 429) },
})

const inviteAccept = createRoute({
  method: 'post',
  path: '/invites/accept',
  summary: 'Accept an invitation (once): set a password, or confirm yours, and sign in',
  middleware: limited('invite'),
  request: { body: jsonBody(InviteAccept) },
  responses: {
    201: jsonContent(Me, 'Joined and signed in'),
    ...problems(400, 401, 403, 410, 413, 429),
  },
})

export const authRoutes = createApp()
  .openapi(signIn, async (c) => {
    fromThisSite(c)
    const body = c.req.valid('json')
    // The account's own counter, before any read or hash: guessing one person's password from
    // many addresses is throttled too.
    await limitKey(c.env, 'AUTH_LIMITER', `sign-in-account:${body.email.toLowerCase()}`)
    const now = new Date()
    const s = await signInWithPassword(c.env, body, c.req.header('user-agent') ?? '', now)
    return c.json(await answerSignedIn(c, { ...s, userId: s.user.id }), 201)
  })
  .openapi(signOut, async (c) => {
    const { userId, sessionHash } = c.var.me
    await controlDb(c.env)
      .prepare('DELETE FROM user_sessions WHERE hash = ? AND user_id = ?')
      .bind(sessionHash, userId)
      .run()
    deleteCookie(c, USER_SESSION_COOKIE, userCookieOptions(c))
    return c.body(null, 204)
  })
  .openapi(me, async (c) => {
    const { userId, expiresAt } = c.var.me
    c.header('cache-control', 'no-store')
    return c.json(
      await describeMe(c.env, userId, getCookie(c, PROJECT_COOKIE) ?? null, expiresAt),
      200,
    )
  })
  .openapi(chooseProject, async (c) => {
    const { userId, expiresAt } = c.var.me
    const { projectId } = c.req.valid('json')
    if (!(await findMembership(controlDb(c.env), projectId, userId))) throw notFound('Project')
    setCookie(c, PROJECT_COOKIE, projectId, { ...userCookieOptions(c), httpOnly: false })
    return c.json(await describeMe(c.env, userId, projectId, expiresAt), 200)
  })
  .openapi(sessions, async (c) => {
    const { userId, sessionHash } = c.var.me
    c.header('cache-control', 'no-store')
    return c.json(await listSessionsOf(c.env, userId, sessionHash, new Date()), 200)
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param')
    if (!(await deleteUserSessionById(controlDb(c.env), c.var.me.userId, id)))
      throw notFound('Session')
    return c.body(null, 204)
  })
  .openapi(resetRequest, async (c) => {
    fromThisSite(c)
    const { email } = c.req.valid('json')
    await limitKey(c.env, 'AUTH_LIMITER', `reset-account:${email.toLowerCase()}`)
    await requestPasswordReset(c.env, email, new URL(c.req.url).origin, new Date())
    return c.body(null, 202)
  })
  .openapi(inviteLookup, async (c) => {
    c.header('cache-control', 'no-store')
    return c.json(await lookupInvite(c.env, c.req.valid('json').token, new Date()), 200)
  })
  .openapi(inviteAccept, async (c) => {
    fromThisSite(c)
    const now = new Date()
    const s = await acceptInvite(c.env, c.req.valid('json'), c.req.header('user-agent') ?? '', now)
    setCookie(c, USER_SESSION_COOKIE, s.cookie, userCookieOptions(c))
    setCookie(c, PROJECT_COOKIE, s.projectId, { ...userCookieOptions(c), httpOnly: false })
    c.header('cache-control', 'no-store')
    return c.json(await describeMe(c.env, s.user.id, s.projectId, s.expiresAt), 201)
  })
  .openapi(resetConfirm, async (c) => {
    fromThisSite(c)
    const { token, password } = c.req.valid('json')
    await confirmPasswordReset(c.env, token, password, new Date())
    return c.body(null, 204)
  })
