import { createRoute, z } from '@hono/zod-openapi'
import { HELPDESK_LIMITS } from '../../schema/constants'
import { InboundAccepted } from '../../schema/connection'
import { Id } from '../../schema/fields'
import { createApp } from '../lib/app'
import { jsonContent, problems } from '../lib/openapi'
import { limitBody } from '../middleware/body-limit'
import { rateLimit } from '../middleware/rate-limit'
import { receiveInbound } from '../services/inbound'

const inbound = createRoute({
  method: 'post',
  path: '/{connectionId}',
  summary: 'A help desk\'s "ticket solved" call (the URL in a connection\'s setup)',
  description:
    'Verified before anything else: Zendesk `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of ' +
    '`X-Zendesk-Webhook-Signature-Timestamp` + raw body, at most 5 minutes old), Help Scout ' +
    '`X-HelpScout-Signature` (base64 HMAC-SHA1 of the raw body; event `convo.status`), Freshdesk ' +
    '`X-Kundepuls-Secret`. A failed check is 401 and records nothing; the same delivery again is ' +
    'answered `duplicate` and ignored. The body is read raw (the signature covers its bytes).',
  // Body size and the per-address limit come before any D1 read.
  middleware: [
    rateLimit({
      binding: 'INBOUND_LIMITER',
      scope: (c) => `inbound:${c.req.param('connectionId') ?? ''}`,
    }),
    limitBody(HELPDESK_LIMITS.inboundBytes),
  ],
  request: { params: z.object({ connectionId: Id }) },
  responses: {
    202: jsonContent(InboundAccepted, 'Received: what was decided'),
    ...problems(400, 401, 404, 413, 429),
  },
})

export const inboundRoutes = createApp().openapi(inbound, async (c) => {
  const { connectionId } = c.req.valid('param')
  const raw = await c.req.text()
  const accepted = await receiveInbound(
    c.env,
    connectionId,
    raw,
    (name) => c.req.header(name),
    new Date(),
  )
  return c.json(accepted, 202)
})
