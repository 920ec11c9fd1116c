// After a successful write of answers, hand the outbox rows it produced to the queue, off the
// response path (waitUntil). Listed as route middleware by the routes that write answers (widget
// POST/PATCH, survey links, the manager's PATCH and import); other writes (impressions,
// eligibility, settings) skip the relay's D1 statement. A write elsewhere that fires events is
// still delivered: the every-minute sweep enqueues what nobody relayed.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { relayOutbox } from '../webhooks/outbox'

export function outboxRelay() {
  return createMiddleware<AppEnv>(async function outboxRelay(c, next) {
    await next()
    if (c.res.status >= 400) return
    c.executionCtx.waitUntil(relayOutbox(c.env, new Date()))
  })
}
