import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import { PublicSurvey } from '../../schema/survey'
import { findSurveyForAnswer } from '../db/surveys'
import { jsonContent, problems } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'

const route = createRoute({
  method: 'get',
  path: '/v1/public/surveys/{id}',
  summary: 'What the widget needs to render a survey (no auth, CORS)',
  request: { params: z.object({ id: Id }) },
  responses: { 200: jsonContent(PublicSurvey, 'The public survey config'), ...problems(400, 404) },
})

export const publicSurveyRoutes = createApp().openapi(route, async (c) => {
  const target = await findSurveyForAnswer(c.env.DB, c.req.valid('param').id)
  if (!target) throw notFound('Survey')
  const { survey } = target
  const body: PublicSurvey = {
    id: survey.id,
    kind: survey.kind,
    texts: survey.texts,
    throttleDays: survey.throttleDays,
    sampleRate: survey.sampleRate,
    referralUrl: survey.referralUrl,
    reviewUrl: survey.reviewUrl,
    trigger: survey.trigger,
    requireSignedIdentity: target.requireSignedIdentity,
  }
  // Short cache: config edits reach visitors within a minute.
  c.header('cache-control', 'public, max-age=60')
  return c.json(body, 200)
})
