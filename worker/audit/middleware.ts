// Every state-changing call of the manager API leaves an audit entry, whichever router serves it:
// one middleware on /v1/* (worker/index.ts) that acts once the route's auth has named an actor
// (a key, a dashboard session or a signed-in user), after the handler, with the outcome's status.
// Refused calls by an authenticated actor are recorded too (who tried what). CSV exports are
// reads that take data away, so they are recorded as well.
import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { Context } from 'hono'
import type { Ctx } from '../context'
import type { Env } from '../env'
import { audit } from './audit'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
const MANAGERS = new Set(['key', 'session', 'user'])

/** The route's pattern, e.g. `/v1/responses/:id/follow-up` (the handler's, not a middleware's). */
function patternOf(c: Context): string | undefined {
  const own = matchedRoutes(c).filter((r) => r.method === c.req.method)
  return own.at(-1)?.path
}

/** The `:id` of the pattern, read from the URL: the thing acted on. Other params (a customer's
 * id in DELETE /v1/customers/:customerId) are personal data and are not kept. */
function idOf(pattern: string, path: string): string | null {
  const want = pattern.split('/')
  const got = path.split('/')
  const at = want.indexOf(':id')
  if (at < 0 || !got[at]) return null
  // A malformed escape (`%ZZ`, a lone surrogate) was refused by the route already; the entry
  // keeps it as sent rather than failing the request after the fact.
  try {
    return decodeURIComponent(got[at]).slice(0, 100)
  } catch {
    return got[at].slice(0, 100)
  }
}

async function createdId(res: Response): Promise<string | null> {
  if (res.status !== 201 || !res.headers.get('content-type')?.includes('application/json'))
    return null
  try {
    const body: unknown = await res.clone().json()
    const id = body && typeof body === 'object' && 'id' in body ? body.id : undefined
    return typeof id === 'string' ? id.slice(0, 100) : null
  } catch {
    return null
  }
}

export function auditTrail() {
  return createMiddleware<{ Bindings: Env; Variables: { ctx?: Ctx } }>(
    async function auditTrail(c, next) {
      await next()
      const ctx = c.get('ctx')
      if (!ctx || !MANAGERS.has(ctx.actor.kind)) return
      const exported =
        c.req.method === 'GET' &&
        c.res.status === 200 &&
        /text\/csv/.test(c.res.headers.get('content-type') ?? '')
      if (READS.has(c.req.method) && !exported) return
      const pattern = patternOf(c) ?? c.req.path
      const action = `${exported ? 'export ' : ''}${c.req.method} ${pattern}`
      await audit(ctx, {
        action,
        target: idOf(pattern, c.req.path) ?? (await createdId(c.res)),
        detail: { status: c.res.status },
      })
    },
  )
}
