// The widget's reports (shown, dismissed) and its question "may this customer be asked now?".
import { createRoute, z } from '@hono/zod-openapi'
import {
  Eligibility,
  EligibilityInput,
  ImpressionAccepted,
  ImpressionInput,
} from '../../schema/impression'
import { Id } from '../../schema/fields'
import { insertImpression } from '../db/impressions'
import { findSurveyForAnswer } from '../db/surveys'
import { limitPublicWrite } from '../middleware/rate-limit'
import { jsonBody, jsonContent, problems, publicWrite } from '../lib/openapi'
import { ApiError, notFound } from '../lib/problem'
import { createRouter } from '../lib/router'
import { checkIdentity, checkOrigin } from '../services/answers'
import { eligibilityOf } from '../services/eligibility'

const record = createRoute({
  method: 'post',
  path: '/v1/public/impressions',
  summary:
    'Record that the widget was shown or dismissed (idempotent on id and type; no IP stored)',
  ...publicWrite,
  request: { body: jsonBody(ImpressionInput) },
  responses: {
    201: jsonContent(ImpressionAccepted, 'Stored'),
    200: jsonContent(ImpressionAccepted, 'Already stored (a retry)'),
    ...problems(400, 403, 404, 409, 413, 429),
  },
})

const eligibility = createRoute({
  method: 'post',
  path: '/v1/public/surveys/{id}/eligibility',
  summary:
    'May this known customer be asked now? No when they answered on any channel or dismissed the widget within throttleDays',
  description:
    'A POST so that customer ids stay out of URLs and logs. With signed identity required, customerHash is checked.',
  ...publicWrite,
  request: { params: z.object({ id: Id }), body: jsonBody(EligibilityInput) },
  responses: { 200: jsonContent(Eligibility, 'The answer'), ...problems(400, 403, 404, 413, 429) },
})

export const publicImpressionRoutes = createRouter()
  .openapi(record, async (c) => {
    const input = c.req.valid('json')
    const target = await findSurveyForAnswer(c.env.DB, input.surveyId)
    if (!target) throw notFound('Survey')
    checkOrigin(target.survey, c.req.header('origin'))
    await limitPublicWrite(c, `imp:${input.surveyId}`)
    await checkIdentity(target, input.customerId, input.customerHash)
    const id = input.id.toLowerCase()
    const stored = await insertImpression(c.env.DB, {
      id,
      type: input.type,
      project_id: target.projectId,
      survey_id: target.survey.id,
      touchpoint: input.touchpoint ?? null,
      customer_id: input.customerId ?? null,
      created_at: new Date().toISOString(),
    })
    if (stored.surveyId !== target.survey.id) {
      throw new ApiError(
        409,
        'id_conflict',
        'This id is already used by another survey; make a new UUID.',
      )
    }
    return c.json({ id, type: input.type }, stored.created ? 201 : 200)
  })
  .openapi(eligibility, async (c) => {
    const surveyId = c.req.valid('param').id
    const { customerId, customerHash } = c.req.valid('json')
    const target = await findSurveyForAnswer(c.env.DB, surveyId)
    if (!target) throw notFound('Survey')
    await limitPublicWrite(c, `elig:${surveyId}`)
    await checkIdentity(target, customerId, customerHash)
    const body = await eligibilityOf(
      c.env.DB,
      target.projectId,
      customerId,
      target.survey.throttleDays,
      new Date(),
    )
    c.header('cache-control', 'no-store')
    return c.json(body, 200)
  })
