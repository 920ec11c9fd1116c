// POST /v1/webhooks/:id/test: one synchronous attempt with a sample event, logged like any
// delivery, so a manager sees at once whether the receiver (or the Slack channel) is reachable.
// It never retries and never changes the endpoint's health or enabled state.
import { WEBHOOK_TEST_EVENT } from '../../schema/constants'
import type { WebhookEventBody } from '../../schema/webhook'
import type { WebhookDeliveryRow } from '../db/types'
import { deliveryFromRow, insertDelivery, webhookId } from '../db/webhook-deliveries'
import { findEndpoint } from '../db/webhook-endpoints'
import type { Env } from '../env'
import { sendOutbound } from '../lib/outbound-fetch'
import { notFound } from '../lib/problem'
import type { OutboundDeps } from '../outbound/messages'
import { slackTestMessage } from '../webhooks/slack'
import { endpointTarget } from '../webhooks/target'
import type { Ctx } from '../context'

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

export async function sendTestEvent(
  ctx: Ctx,
  id: string,
  deps: Pick<OutboundDeps, 'fetch' | 'allowLocal' | 'timeoutMs' | 'now'>,
) {
  const { env, projectId } = ctx
  const endpoint = await findEndpoint(ctx.db, projectId, id)
  if (!endpoint) throw notFound('Webhook')
  const now = deps.now()
  const at = now.toISOString()
  const deliveryId = hex(crypto.getRandomValues(new Uint8Array(16)))
  const standard: WebhookEventBody = {
    type: WEBHOOK_TEST_EVENT,
    timestamp: at,
    data: { webhookId: id, message: 'Test event from Kundepuls: this endpoint is connected.' },
  }
  const body = JSON.stringify(endpoint.format === 'slack' ? slackTestMessage('en') : standard)
  const target = await endpointTarget(env, endpoint, webhookId(deliveryId), now, body)
  const result =
    'error' in target
      ? { ok: false, status: null, error: target.error }
      : await sendOutbound(target.request, deps)
  const row: WebhookDeliveryRow = {
    id: deliveryId,
    project_id: projectId,
    endpoint_id: id,
    event_type: WEBHOOK_TEST_EVENT,
    response_id: null,
    status: result.ok ? 'delivered' : 'failed',
    attempts: 1,
    last_status: result.status,
    last_error: result.error,
    next_attempt_at: null,
    queued_at: null,
    leased_until: null,
    delivered_at: result.ok ? at : null,
    created_at: at,
  }
  await insertDelivery(ctx.db, row)
  return {
    delivered: result.ok,
    statusCode: result.status,
    error: result.error,
    delivery: deliveryFromRow(row),
  }
}
