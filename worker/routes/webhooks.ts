import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import {
  Webhook,
  WebhookCreate,
  WebhookList,
  WebhookPatch,
  WebhookWithSecret,
} from '../../schema/webhook'
import {
  deleteEndpoint,
  findEndpoint,
  listEndpoints,
  webhookFromRow,
} from '../db/webhook-endpoints'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createWebhook, patchWebhook } from '../services/webhooks'
import { webhookActionRoutes } from './webhook-actions'

const IdParam = z.object({ id: Id })

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Subscribe an endpoint (Standard Webhooks or Slack) to answer events',
  description:
    'The `whsec_…` signing secret of a "standard" endpoint is in this answer only. Slack URLs are ' +
    'stored encrypted and shown masked. Targets must be https:// on port 443 or 8443 and not a ' +
    'private, local or metadata address.',
  ...securedAdmin,
  request: { body: jsonBody(WebhookCreate) },
  responses: {
    201: jsonContent(WebhookWithSecret, 'The endpoint, with its secret shown once'),
    ...problems(400, 401, 403, 409, 413),
  },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's webhook endpoints, newest first",
  ...securedRead,
  responses: { 200: jsonContent(WebhookList, 'Endpoints'), ...problems(401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read a webhook endpoint',
  ...securedRead,
  request: { params: IdParam },
  responses: { 200: jsonContent(Webhook, 'The endpoint'), ...problems(401, 403, 404) },
})

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change an endpoint: url, events, filter, description, or enable / disable it',
  ...securedAdmin,
  request: { params: IdParam, body: jsonBody(WebhookPatch) },
  responses: {
    200: jsonContent(Webhook, 'The changed endpoint'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete an endpoint and its delivery log; pending deliveries are dropped',
  ...securedAdmin,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})

export const webhookRoutes = createApp()
  .openapi(create, async (c) => {
    const origin = new URL(c.req.url).origin
    const hook = await createWebhook(c.var.ctx, c.req.valid('json'), origin)
    return c.json(hook, 201)
  })
  .openapi(list, async (c) => {
    const { db, projectId, now } = c.var.ctx
    const rows = await listEndpoints(db, projectId)
    return c.json({ data: rows.map((r) => webhookFromRow(r, now)) }, 200)
  })
  .openapi(read, async (c) => {
    const { db, projectId, now } = c.var.ctx
    const row = await findEndpoint(db, projectId, c.req.valid('param').id)
    if (!row) throw notFound('Webhook')
    return c.json(webhookFromRow(row, now), 200)
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param')
    const hook = await patchWebhook(c.var.ctx, id, c.req.valid('json'))
    return c.json(hook, 200)
  })
  .openapi(remove, async (c) => {
    if (!(await deleteEndpoint(c.var.ctx.db, c.var.ctx.projectId, c.req.valid('param').id)))
      throw notFound('Webhook')
    return c.body(null, 204)
  })

webhookRoutes.route('/', webhookActionRoutes)
