import { createRoute } from '@hono/zod-openapi'
import { Journeys, JourneysQuery } from '../../schema/journeys'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { createApp } from '../lib/app'
import { computeJourneys } from '../services/journeys'

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Where loyalty drops: transitions between touchpoints and the drop rate at each',
  description:
    'For customers (customerId) with answers at two or more touchpoints in the window, across ' +
    "the project's surveys unless surveyId is given. Polarity: promoter/easy/satisfied positive, " +
    'passive/neutral neutral, detractor/difficult/unsatisfied negative. Test answers are left out. ' +
    'One read over the window of a covering index (`x-d1-rows-read`).',
  ...securedRead,
  request: { query: JourneysQuery },
  responses: { 200: jsonContent(Journeys, 'The journeys'), ...problems(400, 401, 403, 404) },
})

export const journeyRoutes = createApp().openapi(route, async (c) => {
  const { body, rowsRead } = await computeJourneys(c.var.ctx, c.req.valid('query'))
  c.header('x-d1-rows-read', String(rowsRead))
  return c.json(body, 200)
})
