// A person's own routes (/v1/auth/me, sessions, project switch, sign-out): their session cookie,
// without a project. Changes need our own Origin, as for every cookie call (CSRF).
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { USER_SESSION_COOKIE } from '../../schema/constants'
import type { Env } from '../env'
import { controlDb } from '../db/resolve'
import { findUserSession } from '../db/user-sessions'
import { sha256Hex } from '../lib/crypto'
import { ApiError } from '../lib/problem'
import { sameOrigin } from './auth'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface UserSessionVariables {
  me: { userId: string; sessionHash: string; expiresAt: string }
}

export function userSession() {
  return createMiddleware<{ Bindings: Env; Variables: UserSessionVariables }>(
    async function userSession(c, next) {
      const id = getCookie(c, USER_SESSION_COOKIE)
      const hash = id ? await sha256Hex(id) : undefined
      const session = hash ? await findUserSession(controlDb(c.env), hash) : undefined
      if (!hash || !session || Date.parse(session.expires_at) <= Date.now())
        throw new ApiError('unauthorized', 'Sign in first.')
      if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c))
        throw new ApiError(
          'origin_mismatch',
          'A change made with the session cookie must come from this site (Origin header).',
        )
      c.set('me', { userId: session.user_id, sessionHash: hash, expiresAt: session.expires_at })
      await next()
    },
  )
}
