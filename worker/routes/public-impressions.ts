// The widget's reports (shown, dismissed) and its question "may this customer be asked now?".
import { createRoute, z } from '@hono/zod-openapi'
import {
  Eligibility,
  EligibilityInput,
  ImpressionAccepted,
  ImpressionInput,
} from '../../schema/impression'
import { Id } from '../../schema/fields'
import { jsonBody, jsonContent, problems } from '../lib/openapi'
import { createApp } from '../lib/app'
import { limitBody } from '../middleware/body-limit'
import { publicSurvey } from '../middleware/public-survey'
import { rateLimit } from '../middleware/rate-limit'
import { recordImpression } from '../services/impressions'
import { publicEligibility } from '../services/eligibility'

const record = createRoute({
  method: 'post',
  path: '/impressions',
  summary:
    'Record that the widget was shown or dismissed (idempotent on id and type; no IP stored)',
  description:
    'The customerId is kept only with a valid customerHash: an unsigned dismissal feeds the response rate but never the contact ledger.',
  middleware: [
    rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'impression' }),
    limitBody(),
    publicSurvey({ idFrom: 'body', checkOrigin: true }),
  ] as const,
  request: { body: jsonBody(ImpressionInput) },
  responses: {
    201: jsonContent(ImpressionAccepted, 'Stored'),
    200: jsonContent(ImpressionAccepted, 'Already stored (a retry)'),
    ...problems(400, 403, 404, 409, 413, 415, 429),
  },
})

const eligibility = createRoute({
  method: 'post',
  path: '/surveys/{id}/eligibility',
  summary:
    'May this signed customer be asked now? No when they answered on any channel or dismissed the widget within the longer of the survey’s throttleDays and the cooldown',
  description:
    'A POST so that customer ids stay out of URLs and logs. Only a signed customer (valid customerHash) has a server-side ledger: ' +
    'an unsigned customerId is always answered eligible without it being read (the browser throttle applies). ' +
    'The answer never carries a date. With signed identity required, a missing customerHash is refused.',
  middleware: [
    rateLimit({ binding: 'PUBLIC_READ_LIMITER', scope: 'eligibility' }),
    limitBody(),
    publicSurvey({ idFrom: 'param', checkOrigin: true }),
  ] as const,
  request: { params: z.object({ id: Id }), body: jsonBody(EligibilityInput) },
  responses: {
    200: jsonContent(
      Eligibility,
      'Whether the customer may be asked now (always eligible for an unsigned customerId); never a date',
    ),
    ...problems(400, 403, 404, 413, 415, 429),
  },
})

export const publicImpressionRoutes = createApp()
  .openapi(record, async (c) => {
    const input = c.req.valid('json')
    const { db, now } = c.var.ctx
    const { id, created } = await recordImpression(db, c.get('target'), input, now)
    return c.json({ id, type: input.type }, created ? 201 : 200)
  })
  .openapi(eligibility, async (c) => {
    const { db, now } = c.var.ctx
    const body = await publicEligibility(db, c.get('target'), c.req.valid('json'), now)
    c.header('cache-control', 'no-store')
    return c.json(body, 200)
  })
