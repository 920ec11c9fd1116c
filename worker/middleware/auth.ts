// Bearer-token guards: the admin token for tenants, a project's secret key for everything else.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { findApiKey } from '../db/projects'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { ApiError } from '../lib/problem'

const CHALLENGE = { 'www-authenticate': 'Bearer' }

function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S{1,200})$/i)
  return m?.[1]
}

const unauthorized = (detail: string) =>
  new ApiError(401, 'unauthorized', detail, undefined, CHALLENGE)

export function adminAuth() {
  return createMiddleware<AppEnv>(async function adminAuth(c, next) {
    const token = bearer(c.req.header('authorization'))
    const expected = c.env.ADMIN_TOKEN
    if (!expected)
      throw new ApiError(403, 'admin_disabled', 'No ADMIN_TOKEN is configured on this deployment.')
    if (!token || !(await safeEqual(token, expected)))
      throw unauthorized('A valid admin token is required.')
    await next()
  })
}

export function secretKeyAuth() {
  return createMiddleware<AppEnv>(async function secretKeyAuth(c, next) {
    const token = bearer(c.req.header('authorization'))
    if (!token) throw unauthorized('Send the project secret key as Authorization: Bearer sk_…')
    const key = await findApiKey(c.env.DB, await sha256Hex(token))
    if (!key) throw unauthorized('Unknown or revoked API key.')
    if (key.kind !== 'secret') {
      throw new ApiError(
        403,
        'publishable_key',
        'A publishable key cannot manage a project; use the secret key.',
      )
    }
    c.set('projectId', key.project_id)
    await next()
  })
}
