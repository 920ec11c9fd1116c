import { createRoute } from '@hono/zod-openapi'
import { Metrics, MetricsQuery } from '../../schema/metrics'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { createApp } from '../lib/app'
import { computeMetrics } from '../services/metrics'

const route = createRoute({
  method: 'get',
  path: '/v1/metrics',
  summary:
    'NPS, CES or CSAT figures with their uncertainty, from write-time rollups; optional series',
  description:
    'Windows are inclusive UTC days. Test answers are left out. The `x-d1-rows-read` header says how many rollup rows the call read.',
  ...securedRead,
  request: { query: MetricsQuery },
  responses: { 200: jsonContent(Metrics, 'The figures'), ...problems(400, 401, 403, 404) },
})

export const metricsRoutes = createApp().openapi(route, async (c) => {
  const { body, rowsRead } = await computeMetrics(
    c.env.DB,
    c.get('projectId'),
    c.req.valid('query'),
  )
  c.header('x-d1-rows-read', String(rowsRead))
  return c.json(body, 200)
})
