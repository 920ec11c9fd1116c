import { createRoute, z } from '@hono/zod-openapi'
import { LIMITS } from '../../schema/constants'
import { ClientId } from '../../schema/fields'
import { PublicResponseInput, PublicResponsePatch, ResponseAccepted } from '../../schema/response'
import { amendResponse } from '../db/responses'
import { limitBody } from '../middleware/body-limit'
import { publicSurvey } from '../middleware/public-survey'
import { rateLimit } from '../middleware/rate-limit'
import { jsonBody, jsonContent, problems } from '../lib/openapi'
import { ApiError, notFound } from '../lib/problem'
import { createApp } from '../lib/app'
import { recordAnswer } from '../services/answers'

const submit = createRoute({
  method: 'post',
  path: '/v1/public/responses',
  summary:
    'Record an answer (idempotent on the client id; a later answer for the same customer and ref replaces it)',
  middleware: [
    rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'answer' }),
    limitBody(),
    publicSurvey({ idFrom: 'body', checkOrigin: true }),
  ] as const,
  request: { body: jsonBody(PublicResponseInput) },
  responses: {
    201: jsonContent(ResponseAccepted, 'Stored'),
    200: jsonContent(
      ResponseAccepted,
      'Already stored (a retry), or replaced an earlier answer for the same ref',
    ),
    ...problems(400, 403, 404, 409, 413, 429),
  },
})

const amend = createRoute({
  method: 'patch',
  path: '/v1/public/responses/{id}',
  summary: 'Add a reason or contact consent to an answer given in the last 24 hours',
  middleware: [
    rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'amend' }),
    limitBody(),
  ] as const,
  request: { params: z.object({ id: ClientId }), body: jsonBody(PublicResponsePatch) },
  responses: {
    200: jsonContent(ResponseAccepted, 'Amended'),
    ...problems(400, 403, 404, 413, 429),
  },
})

export const publicResponseRoutes = createApp()
  .openapi(submit, async (c) => {
    const input = c.req.valid('json')
    const result = await recordAnswer(c.env.DB, c.get('target'), input, {
      channel: 'widget',
      now: new Date(),
    })
    const body = { id: result.id, category: result.category }
    return result.outcome === 'created' ? c.json(body, 201) : c.json(body, 200)
  })
  .openapi(amend, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    const now = Date.now()
    const since = new Date(now - LIMITS.amendWindowMs).toISOString()
    const result = await amendResponse(
      c.env.DB,
      id,
      c.req.valid('json'),
      since,
      new Date(now).toISOString(),
    )
    if (result.status === 'missing') throw notFound('Response')
    if (result.status !== 'amended') {
      throw new ApiError(
        403,
        'amend_window_closed',
        'An answer can be amended only within 24 hours.',
      )
    }
    return c.json({ id: result.id, category: result.category }, 200)
  })
