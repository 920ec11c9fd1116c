// Business events from the customer's systems: POST /v1/events (SPEC.md "Email channel").
import { createRoute } from '@hono/zod-openapi'
import { EventAccepted, EventCreate } from '../../schema/email-triggers'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, secured } from '../lib/openapi'
import { acceptEvent } from '../email/events'

const create = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Report a business event (order.delivered, ticket.solved): each matching rule schedules one survey email',
  description:
    'Exactly once per rule and (type, ref): the same event again, retried or concurrent, answers ' +
    'the send scheduled first (`created: false`). Without a matching rule: 202 with reason ' +
    '`no_rule`. Needs the secret key: a read key is refused (403), a publishable key too.',
  ...secured,
  request: { body: jsonBody(EventCreate) },
  responses: {
    202: jsonContent(EventAccepted, 'What each matching rule scheduled, or why nothing was'),
    ...problems(400, 401, 403, 413),
  },
})

export const eventRoutes = createApp().openapi(create, async (c) =>
  c.json(await acceptEvent(c.var.ctx, c.req.valid('json')), 202),
)
