import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import { PublicSurvey, PublicSurveyQuery } from '../../schema/survey'
import { widgetLocale } from '../../schema/widget-messages'
import { findSurveyForAnswer } from '../db/surveys'
import { jsonContent, problems } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'

const route = createRoute({
  method: 'get',
  path: '/v1/public/surveys/{id}',
  summary: 'What the widget needs to render a survey, with its texts in the visitor’s language',
  request: { params: z.object({ id: Id }), query: PublicSurveyQuery },
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
    // The default texts ride along: the widget shows the survey without a request for them.
    ...widgetLocale(c.req.valid('query').locale),
  }
  // Short cache: config edits reach visitors within a minute (each locale list is its own URL).
  c.header('cache-control', 'public, max-age=60')
  return c.json(body, 200)
})
