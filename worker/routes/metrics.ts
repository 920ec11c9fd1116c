import { createRoute } from '@hono/zod-openapi'
import { Metrics, MetricsQuery } from '../../schema/metrics'
import { continueRebuild } from '../db/rebuild'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { createApp } from '../lib/app'
import { computeMetrics } from '../services/metrics'

const route = createRoute({
  method: 'get',
  path: '/',
  summary:
    'NPS, CES or CSAT figures with their uncertainty, distribution, response rates and change, from write-time rollups; optional series',
  description:
    'Windows are inclusive UTC days. Test answers are left out. The `x-d1-rows-read` header says how many rollup rows the call read. ' +
    'With `compare=previous` (or `compareFrom`/`compareTo`) the answer has `change`: this window minus the earlier one with its 95 % interval and p-value.',
  ...securedRead,
  request: { query: MetricsQuery },
  responses: { 200: jsonContent(Metrics, 'The figures'), ...problems(400, 401, 403, 404) },
})

export const metricsRoutes = createApp().openapi(route, async (c) => {
  const q = c.req.valid('query')
  const { body, rowsRead, rebuilding } = await computeMetrics(c.var.ctx, q)
  // A property grouping asked for while its rollups are rebuilt moves the rebuild on, after the
  // answer (a few bounded chunks; the cron does the rest).
  if (rebuilding) c.executionCtx.waitUntil(continueRebuild(c.var.ctx.db, q.surveyId, 4))
  c.header('x-d1-rows-read', String(rowsRead))
  return c.json(body, 200)
})
