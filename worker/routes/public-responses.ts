// Answers from the public (the widget): record one, and let its author amend it for 24 hours.
import { createRoute, z } from '@hono/zod-openapi'
import { ClientId } from '../../schema/fields'
import { PublicResponseInput, PublicResponsePatch, ResponseAccepted } from '../../schema/response'
import { createApp, problemHook } from '../lib/app'
import { jsonBody, jsonContent, problems, problemsDescribed } from '../lib/openapi'
import { editTokenInvalid } from '../lib/problem'
import { limitBody } from '../middleware/body-limit'
import { publicSurvey } from '../middleware/public-survey'
import { rateLimit } from '../middleware/rate-limit'
import { amendAnswer } from '../services/amendments'
import { recordAnswer } from '../services/answers'
import { dbForPublicId } from '../db/resolve'
import { outboxRelay } from '../middleware/outbox-relay'

const submit = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Record an answer (idempotent on the client id and edit token; one answer per survey, customer and ref)',
  description:
    'A repeated id is a retry (200, stored once) with the same editToken, or with no editToken and ' +
    'the same content (no token is returned then); otherwise 409 id_conflict. ' +
    'An answer for a stored (survey, customerId, ref) replaces it only with a valid customerHash; ' +
    'without one it is refused with 409 already_answered, which reveals nothing of the stored answer.',
  middleware: [
    rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'answer' }),
    limitBody(),
    publicSurvey({ idFrom: 'body', checkOrigin: true }),
    outboxRelay(),
  ] as const,
  request: { body: jsonBody(PublicResponseInput) },
  responses: {
    201: jsonContent(ResponseAccepted, 'Stored; editToken is present when the server made it'),
    200: jsonContent(
      ResponseAccepted,
      'Already stored (a retry with the same editToken, or without a token and with the same content), or replaced the answer for the same customer and ref (signed customer)',
    ),
    ...problems(400, 404, 413, 415, 429),
    ...problemsDescribed({
      403: 'origin_not_allowed (Origin not in allowedOrigins), identity_required or identity_invalid (customerHash)',
      409: 'id_conflict (the id is used by another survey, or is stored with other content or another editToken) or already_answered (an unsigned answer for a stored survey, customerId and ref; nothing of it is revealed)',
    }),
  },
})

const amend = createRoute({
  method: 'patch',
  path: '/{id}',
  summary:
    'Change the score, or add a reason or contact consent, within 24 hours, with the answer edit token',
  description:
    'A missing or wrong editToken answers 403 edit_token_invalid whether or not the id exists; ' +
    'only then are the origin (403 origin_not_allowed) and the age (403 amend_window_closed) checked. ' +
    'Imported, API and survey-link answers have no edit token and cannot be amended here.',
  middleware: [
    rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'amend' }),
    limitBody(),
    outboxRelay(),
  ] as const,
  request: { params: z.object({ id: ClientId }), body: jsonBody(PublicResponsePatch) },
  responses: {
    200: jsonContent(ResponseAccepted, 'Amended'),
    ...problems(400, 413, 415, 429),
    ...problemsDescribed({
      403: 'edit_token_invalid (missing or wrong editToken, or no such answer), then origin_not_allowed, then amend_window_closed (older than 24 hours)',
      404: 'not_found: the survey of the answer was archived (after the token matched)',
    }),
  },
})

export const publicResponseRoutes = createApp()
  .openapi(submit, async (c) => {
    const input = c.req.valid('json')
    const { db, now } = c.var.ctx
    const { outcome, id, category, editToken } = await recordAnswer(db, c.get('target'), input, {
      channel: 'widget',
      now,
    })
    const accepted = { id, category, ...(editToken ? { editToken } : {}) }
    return outcome === 'created' ? c.json(accepted, 201) : c.json(accepted, 200)
  })
  .openapi(
    amend,
    async (c) => {
      const id = c.req.valid('param').id.toLowerCase()
      const result = await amendAnswer(dbForPublicId(c.env, id), id, c.req.valid('json'), {
        origin: c.req.header('origin'),
        now: new Date(),
      })
      return c.json({ id: result.id, category: result.category }, 200)
    },
    // No proof, no detail: a body without a well-formed editToken is refused like a wrong one,
    // before its other fields are judged.
    (result, c) => {
      if (!result.success && result.target === 'json') {
        if (result.error.issues.some((i) => i.path[0] === 'editToken')) throw editTokenInvalid()
      }
      return problemHook(result, c)
    },
  )
