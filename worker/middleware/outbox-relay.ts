// After every successful write, hand the outbox rows it produced to the queue, off the response
// path (waitUntil). Catching all writes here, rather than in each route, means any path that
// writes an answer (widget, survey link, PATCH, later ones too) gets its events enqueued.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { relayOutbox } from '../webhooks/outbox'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function outboxRelay() {
  return createMiddleware<AppEnv>(async function outboxRelay(c, next) {
    await next()
    if (READS.has(c.req.method) || c.res.status >= 400) return
    c.executionCtx.waitUntil(relayOutbox(c.env, new Date()))
  })
}
