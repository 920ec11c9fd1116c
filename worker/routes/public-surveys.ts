import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import { PublicSurvey, PublicSurveyQuery } from '../../schema/survey'
import { jsonContent, problems, problemsDescribed } from '../lib/openapi'
import { createApp } from '../lib/app'
import { publicSurvey } from '../middleware/public-survey'
import { rateLimit } from '../middleware/rate-limit'
import { publicSurveyOf } from '../services/public-survey'

const route = createRoute({
  method: 'get',
  path: '/{id}',
  summary:
    'What the widget needs to render a survey, with its texts in the visitor’s language (no auth, CORS)',
  middleware: [
    rateLimit({ binding: 'PUBLIC_READ_LIMITER', scope: 'config' }),
    publicSurvey({ idFrom: 'param', checkOrigin: 'when-sent' }),
  ] as const,
  request: { params: z.object({ id: Id }), query: PublicSurveyQuery },
  responses: {
    200: jsonContent(PublicSurvey, 'The public survey config'),
    ...problems(400, 404, 429),
    ...problemsDescribed({
      403: "origin_not_allowed: the request's Origin is not in the survey's allowedOrigins (a request without Origin is answered)",
    }),
  },
})

export const publicSurveyRoutes = createApp().openapi(route, async (c) => {
  const body = publicSurveyOf(c.get('target'), c.req.valid('query').locale)
  // Short cache: config edits reach visitors within a minute (each locale list is its own URL).
  c.header('cache-control', 'public, max-age=60')
  return c.json(body, 200)
})
