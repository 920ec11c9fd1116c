// The email channel's figures and schedule: GET /v1/email/stats, GET /v1/email/schedule.
import { createRoute } from '@hono/zod-openapi'
import {
  EmailSchedule,
  EmailScheduleQuery,
  EmailStats,
  EmailStatsQuery,
} from '../../schema/email-stats'
import { createApp } from '../lib/app'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { emailSchedule, emailStats } from '../email/stats'

const stats = createRoute({
  method: 'get',
  path: '/stats',
  summary:
    'Per channel sent → answered with the response rate and its Wilson 95 % interval; the email reminder’s share of answers',
  ...securedRead,
  request: { query: EmailStatsQuery },
  responses: { 200: jsonContent(EmailStats, 'The figures'), ...problems(400, 401, 403) },
})

const schedule = createRoute({
  method: 'get',
  path: '/schedule',
  summary: 'Scheduled survey emails per UTC day, from today (default 14 days)',
  ...securedRead,
  request: { query: EmailScheduleQuery },
  responses: { 200: jsonContent(EmailSchedule, 'Counts per day'), ...problems(400, 401, 403) },
})

export const emailStatsRoutes = createApp()
  .openapi(stats, async (c) => c.json(await emailStats(c.var.ctx, c.req.valid('query')), 200))
  .openapi(schedule, async (c) =>
    c.json(await emailSchedule(c.var.ctx, c.req.valid('query').days), 200),
  )
