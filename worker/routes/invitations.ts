import { createRoute } from '@hono/zod-openapi'
import { InvitationCreate, InvitationCreated } from '../../schema/invitation'
import { jsonBody, jsonContent, problems, secured } from '../lib/openapi'
import { createApp } from '../lib/app'
import { createInvitation } from '../services/invitations'

const create = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Create a signed survey link (and an email snippet) for a support tool, e.g. when a ticket is solved; 409 customer_throttled when the customer was invited, answered or dismissed a survey within throttleDays (unless force)',
  ...secured,
  request: { body: jsonBody(InvitationCreate) },
  responses: {
    201: jsonContent(InvitationCreated, 'The link and the email snippet'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
})

export const invitationRoutes = createApp().openapi(create, async (c) => {
  const origin = new URL(c.req.url).origin
  const created = await createInvitation(c.var.ctx, c.req.valid('json'), origin)
  return c.json(created, 201)
})
