import { createRoute } from '@hono/zod-openapi'
import { InvitationCreate, InvitationCreated } from '../../schema/invitation'
import { jsonBody, jsonContent, problems, secured } from '../lib/openapi'
import { createApp } from '../lib/app'
import type { ProblemCode } from '../../schema/problems'
import { ApiError } from '../lib/problem'
import { createInvitation, type InvitationRefused } from '../services/invitations'

const create = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Create a signed survey link (and an email snippet) for a support tool, e.g. when a ticket is solved; 409 customer_throttled when the customer was invited, answered or dismissed a survey within the contact window, the longer of the survey’s throttleDays and the cooldownDays (unless force)',
  ...secured,
  request: { body: jsonBody(InvitationCreate) },
  responses: {
    201: jsonContent(InvitationCreated, 'The link and the email snippet'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
})

const PROBLEM_OF = {
  survey_missing: 'not_found',
  throttled: 'customer_throttled',
} as const satisfies Record<InvitationRefused['reason'], ProblemCode>

/** The HTTP answer to a refused invitation (the service returns it as a value). */
export const invitationProblem = (r: InvitationRefused) =>
  new ApiError(PROBLEM_OF[r.reason], r.detail)

export const invitationRoutes = createApp().openapi(create, async (c) => {
  const origin = new URL(c.req.url).origin
  const created = await createInvitation(c.var.ctx, c.req.valid('json'), origin)
  if (!created.ok) throw invitationProblem(created)
  return c.json(created.invitation, 201)
})
