// After every successful write of answers, hand the outbox rows it produced to the queue, off the
// response path (waitUntil). The routes that write answers (widget POST/PATCH, survey links, the
// manager's PATCH and import) are named by path prefix; other writes (impressions, eligibility,
// settings) skip the relay's D1 statement. A write elsewhere that fires events is still delivered:
// the every-minute sweep enqueues what nobody relayed.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { relayOutbox } from '../webhooks/outbox'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
const ANSWER_WRITES = ['/v1/public/responses', '/v1/responses', '/s/']

export function outboxRelay() {
  return createMiddleware<AppEnv>(async function outboxRelay(c, next) {
    await next()
    if (READS.has(c.req.method) || c.res.status >= 400) return
    if (!ANSWER_WRITES.some((p) => c.req.path.startsWith(p))) return
    c.executionCtx.waitUntil(relayOutbox(c.env, new Date()))
  })
}
