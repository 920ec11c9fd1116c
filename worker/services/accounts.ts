// People signing in as themselves (SPEC.md "Accounts and roles"): password sign-in, per-user
// sessions ("your sessions"), password reset links. The session id lives only in an HttpOnly
// cookie and reset tokens only in the link; D1 keeps their SHA-256.
import { PASSWORD_RESET_TTL_MS, USER_SESSION_TTL_MS } from '../../schema/constants'
import type { Me, UserSessionList } from '../../schema/accounts'
import type { Env } from '../env'
import { insertPasswordReset, consumePasswordReset } from '../db/password-resets'
import { controlDb } from '../db/resolve'
import { deleteUserSessionsQuery, insertUserSession, listUserSessions } from '../db/user-sessions'
import { findUser, findUserByEmail, listMembershipsOfUser, setPasswordHash } from '../db/users'
import { toStatement } from '../db/client'
import { sendNotice } from '../email/notice'
import { sha256Hex } from '../lib/crypto'
import { newId, newSessionId } from '../lib/ids'
import { decoyHash, hashPassword, scryptParams, verifyPassword } from '../lib/password'
import { ApiError } from '../lib/problem'

type Bindings = Pick<Env, 'DB' | 'EMAIL' | 'PASSWORD_SCRYPT_N' | 'EMAIL_FROM'>

const wrongCredentials = () =>
  new ApiError('unauthorized', 'Unknown email or wrong password.', undefined, {
    'www-authenticate': 'Bearer',
  })

/** Starts a session for a person; returns the cookie's value (shown only to their browser). */
export async function startUserSession(
  env: Bindings,
  userId: string,
  userAgent: string,
  now: Date,
) {
  const id = newSessionId()
  const expiresAt = new Date(now.getTime() + USER_SESSION_TTL_MS).toISOString()
  await insertUserSession(controlDb(env), {
    hash: await sha256Hex(id),
    id: newId('ses'),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    last_used_at: now.toISOString(),
    user_agent: userAgent.slice(0, 200),
  })
  return { cookie: id, expiresAt }
}

/**
 * Email and password → a session. An unknown address or one without a password verifies a decoy
 * hash, so the answer takes as long as a wrong password and says the same (no account discovery).
 */
export async function signInWithPassword(
  env: Bindings,
  input: { email: string; password: string },
  userAgent: string,
  now: Date,
) {
  const user = await findUserByEmail(controlDb(env), input.email)
  const stored = user?.password_hash ?? (await decoyHash(scryptParams(env)))
  const ok = await verifyPassword(input.password, stored)
  if (!user || !user.password_hash || !ok) throw wrongCredentials()
  return { user, ...(await startUserSession(env, user.id, userAgent, now)) }
}

export async function describeMe(
  env: Bindings,
  userId: string,
  projectId: string | null,
  expiresAt: string,
): Promise<Me> {
  const db = controlDb(env)
  const user = await findUser(db, userId)
  if (!user) throw new ApiError('unauthorized', 'The account no longer exists.')
  const projects = await listMembershipsOfUser(db, userId)
  const current = projects.some((p) => p.id === projectId) ? projectId : (projects[0]?.id ?? null)
  return {
    user: { id: user.id, email: user.email, name: user.name },
    projects: projects.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    projectId: current,
    expiresAt,
  }
}

export async function listSessionsOf(
  env: Bindings,
  userId: string,
  currentHash: string,
  now: Date,
): Promise<UserSessionList> {
  const rows = await listUserSessions(controlDb(env), userId, now.toISOString())
  return {
    data: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      userAgent: r.user_agent,
      current: r.hash === currentHash,
    })),
  }
}

/**
 * Sends a reset link when the address has an account. The caller answers the same either way
 * (202), so the route does not tell who has an account. Without a mailer (local development)
 * the link is printed to the worker's log for the operator.
 */
export async function requestPasswordReset(
  env: Bindings,
  email: string,
  origin: string,
  now: Date,
): Promise<{ sent: boolean }> {
  const db = controlDb(env)
  const user = await findUserByEmail(db, email)
  if (!user) return { sent: false }
  const token = newSessionId()
  await insertPasswordReset(db, {
    hash: await sha256Hex(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
    used_at: null,
  })
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const link = `${origin}/app/reset#token=${token}`
  const minutes = PASSWORD_RESET_TTL_MS / 60_000
  const sent = await sendNotice(env, user.email, {
    subject: 'Reset your Kundepuls password',
    paragraphs: [
      `Someone asked to reset the password of ${user.email}.`,
      'If it was not you, ignore this email.',
    ],
    link: { href: link, text: `Set a new password within ${minutes} minutes` },
  })
  if (!sent.ok) console.log(`password reset for ${user.id} (no mailer): ${link}`)
  return { sent: sent.ok }
}

/** Sets the password from a live link, once; every session of the person ends (they sign in anew). */
export async function confirmPasswordReset(
  env: Bindings,
  token: string,
  password: string,
  now: Date,
) {
  const db = controlDb(env)
  const used = await consumePasswordReset(db, await sha256Hex(token), now.toISOString())
  if (!used)
    throw new ApiError('link_unusable', 'This reset link was used, has expired or is unknown.')
  await setPasswordHash(db, used.user_id, await hashPassword(password, scryptParams(env)))
  await toStatement(db, deleteUserSessionsQuery(db, used.user_id)).run()
}
