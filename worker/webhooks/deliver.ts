// The outbound handler for kind 'webhook': one attempt of one delivery, and its bookkeeping.
// 2xx ends it; 410 disables the endpoint; other failures retry on the schedule until the last
// attempt, after which the delivery is failed and dead-lettered; an endpoint whose every attempt
// failed for 5 days is disabled. The webhook-id is derived from the row, so it never changes.
import { WEBHOOK_LIMITS, WEBHOOK_TEST_EVENT } from '../../schema/constants'
import { findEventResponse } from '../db/event-responses'
import {
  claimDelivery,
  deliveredStatement,
  failDelivery,
  failedStatement,
  failPendingOfEndpoint,
  retryStatement,
  webhookId,
  type AttemptRecord,
} from '../db/webhook-deliveries'
import {
  endpointDisabled,
  endpointFailed,
  endpointSucceeded,
  findEndpointById,
} from '../db/webhook-endpoints'
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../db/types'
import type { Env } from '../env'
import { sendOutbound, type OutboundResult } from '../lib/outbound-fetch'
import type { OutboundDeps, OutboundHandler, Outcome } from '../outbound/messages'
import { retryDelay } from '../outbound/retry'
import { eventBody } from './payload'
import { endpointTarget } from './target'
import { contextFor, type Ctx } from '../context'
import { dbForPublicId } from '../db/resolve'

const ACK: Outcome = { type: 'ack' }

/** What one attempt sent and got back, recorded afterwards. */
async function attemptOnce(
  ctx: Ctx,
  deps: OutboundDeps,
  d: WebhookDeliveryRow,
  endpoint: WebhookEndpointRow,
): Promise<OutboundResult | { gone: string }> {
  const type = d.event_type
  if (type === WEBHOOK_TEST_EVENT || !d.response_id) return { gone: 'not a response event' }
  const row = await findEventResponse(ctx.db, d.project_id, d.response_id)
  if (!row) return { gone: 'the answer no longer exists (erased before delivery)' }
  const body = eventBody({
    format: endpoint.format,
    type,
    at: d.created_at,
    row,
    linkBase: endpoint.link_base,
  })
  const target = await endpointTarget(ctx.env, endpoint, webhookId(d.id), ctx.now, body)
  if ('error' in target) return { gone: target.error }
  return sendOutbound(target.request, {
    fetch: deps.fetch,
    allowLocal: deps.allowLocal,
    timeoutMs: deps.timeoutMs,
  })
}

async function attempt(deliveryId: string, env: Env, deps: OutboundDeps): Promise<Outcome> {
  const now = deps.now()
  const at = now.toISOString()
  // The message names the delivery only: its project is known once the row is claimed.
  const d = await claimDelivery(
    dbForPublicId(env, deliveryId),
    deliveryId,
    at,
    WEBHOOK_LIMITS.leaseMs,
  )
  // Done, not yet due (a duplicate message), or someone else is on it: nothing to do here.
  if (!d) return ACK
  const ctx = contextFor(env, d.project_id, { kind: 'system', task: 'webhook' }, now)
  const { db } = ctx
  const endpoint = await findEndpointById(db, d.endpoint_id)
  if (!endpoint) return ACK // deleted: its log went with it
  if (endpoint.disabled_at) {
    await failDelivery(db, d.id, `endpoint disabled: ${endpoint.disabled_reason ?? ''}`)
    return ACK
  }
  const result = await attemptOnce(ctx, deps, d, endpoint)
  if ('gone' in result) {
    await failDelivery(db, d.id, result.gone)
    return ACK
  }
  const rec: AttemptRecord = {
    attempts: d.attempts + 1,
    lastStatus: result.status,
    lastError: result.error,
  }
  if (result.ok) {
    await db.batch([deliveredStatement(db, d.id, at, rec), endpointSucceeded(db, endpoint.id)])
    return ACK
  }
  const disable = (reason: string) =>
    db.batch([
      failedStatement(db, d.id, `${rec.lastError ?? 'failed'}; ${reason}`, rec),
      endpointDisabled(db, endpoint.id, at, reason),
      failPendingOfEndpoint(db, endpoint.id, `endpoint disabled: ${reason}`),
    ])
  if (result.status === 410) {
    await disable('the receiver answered 410 Gone')
    return ACK
  }
  const failingSince = endpoint.failing_since ?? at
  if (now.getTime() - Date.parse(failingSince) >= WEBHOOK_LIMITS.failingDisableMs) {
    await disable('every delivery failed for 5 days')
    return ACK
  }
  const delaySeconds = result.refused ? undefined : retryDelay(rec.attempts, deps.schedule)
  if (delaySeconds === undefined) {
    const why = result.refused ? '' : `; gave up after ${rec.attempts} attempts`
    await db.batch([
      failedStatement(db, d.id, `${rec.lastError}${why}`, rec),
      endpointFailed(db, endpoint.id, at),
    ])
    return result.refused ? ACK : { type: 'dead' }
  }
  const next = new Date(now.getTime() + delaySeconds * 1000).toISOString()
  await db.batch([retryStatement(db, d.id, at, next, rec), endpointFailed(db, endpoint.id, at)])
  return { type: 'retry', delaySeconds }
}

export const webhookHandler: OutboundHandler<{ kind: 'webhook'; deliveryId: string }> = {
  attempt: (msg, env, deps) => attempt(msg.deliveryId, env, deps),
  async dead(msg, env) {
    // The queue gave up on a message the handler kept crashing on (or the handler already
    // failed the delivery and this is its dead letter): either way the log says failed.
    await failDelivery(
      dbForPublicId(env, msg.deliveryId),
      msg.deliveryId,
      'dead-lettered: the delivery could not be processed',
    )
  },
}
