import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import {
  DeliveryList,
  DeliveryListQuery,
  WebhookTestResult,
  WebhookWithSecret,
} from '../../schema/webhook'
import { deliveryFromRow, listDeliveries } from '../db/webhook-deliveries'
import { findEndpoint } from '../db/webhook-endpoints'
import { createApp } from '../lib/app'
import { decodeCursor } from '../lib/cursor'
import { jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { defaultDeps } from '../outbound/consumer'
import { sendTestEvent } from '../services/webhook-test'
import { rotateSecret } from '../services/webhooks'

const IdParam = z.object({ id: Id })

const rotate = createRoute({
  method: 'post',
  path: '/{id}/rotate-secret',
  summary: 'Make a new signing secret; the old one keeps signing alongside it for 24 hours',
  description:
    'During the overlap every delivery carries two signatures in `webhook-signature` ' +
    '(space-separated), so a receiver verifies with either secret while it is being updated.',
  ...securedAdmin,
  request: { params: IdParam },
  responses: {
    200: jsonContent(WebhookWithSecret, 'The endpoint with its new secret, shown once'),
    ...problems(401, 403, 404, 409),
  },
})

const test = createRoute({
  method: 'post',
  path: '/{id}/test',
  summary: 'Send a `webhook.test` event now (one attempt, logged, no retries)',
  ...securedAdmin,
  request: { params: IdParam },
  responses: {
    200: jsonContent(WebhookTestResult, 'What the receiver answered'),
    ...problems(401, 403, 404),
  },
})

const deliveries = createRoute({
  method: 'get',
  path: '/{id}/deliveries',
  summary: "The endpoint's delivery log, newest first, with cursor pagination",
  ...securedRead,
  request: { params: IdParam, query: DeliveryListQuery },
  responses: {
    200: jsonContent(DeliveryList, 'One page of deliveries'),
    ...problems(400, 401, 403, 404),
  },
})

export const webhookActionRoutes = createApp()
  .openapi(rotate, async (c) => {
    const hook = await rotateSecret(c.var.ctx, c.req.valid('param').id)
    return c.json(hook, 200)
  })
  .openapi(test, async (c) => {
    const id = c.req.valid('param').id
    return c.json(await sendTestEvent(c.var.ctx, id, defaultDeps(c.env)), 200)
  })
  .openapi(deliveries, async (c) => {
    const { db, projectId } = c.var.ctx
    const { id } = c.req.valid('param')
    const { status, cursor, limit } = c.req.valid('query')
    if (!(await findEndpoint(db, projectId, id))) throw notFound('Webhook')
    const after = cursor ? decodeCursor(cursor) : undefined
    const page = await listDeliveries(db, projectId, id, { status, after, limit })
    return c.json({ data: page.rows.map(deliveryFromRow), nextCursor: page.nextCursor }, 200)
  })
