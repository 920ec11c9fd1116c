import { createRoute } from '@hono/zod-openapi'
import { DAY_MS } from '../../schema/constants'
import {
  AtRiskList,
  AtRiskQuery,
  CustomerAnswers,
  CustomerParam,
  EraseByEmailQuery,
  Erased,
} from '../../schema/customers'
import { findAtRisk, findCustomerAnswers } from '../db/responses'
import { findSurvey } from '../db/surveys'
import { jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'
import { eraseCustomer } from '../services/erasure'
import { lastDropsOf } from '../services/journeys'

const atRisk = createRoute({
  method: 'get',
  path: '/at-risk',
  summary:
    'Customers with at least `min` detractor, difficult or unsatisfied answers in the last `days`',
  ...securedRead,
  request: { query: AtRiskQuery },
  responses: {
    200: jsonContent(AtRiskList, 'Most negative first'),
    ...problems(400, 401, 403, 404),
  },
})

const read = createRoute({
  method: 'get',
  path: '/{customerId}',
  summary: "A customer's answers across the project's surveys",
  ...securedRead,
  request: { params: CustomerParam },
  responses: { 200: jsonContent(CustomerAnswers, 'Newest first'), ...problems(400, 401, 403, 404) },
})

const erase = createRoute({
  method: 'delete',
  path: '/{customerId}',
  summary: 'Erase every answer and personal field of a customer in this project (GDPR)',
  description:
    'Answers, impressions and survey-link invitations of the customer go in one transaction; the ' +
    'rollups are corrected in it, so the figures are as if the answers had never been given. ' +
    'D1 Time Travel can still restore the database to a point in the last 30 days.',
  ...secured,
  request: { params: CustomerParam },
  responses: { 200: jsonContent(Erased, 'Erased'), ...problems(400, 401, 403, 404) },
})

const eraseByEmail = createRoute({
  method: 'delete',
  path: '/',
  summary: 'Erase everything about the person with this email address in this project (GDPR)',
  description:
    'Answers and invitations carrying the address go, and so does everything about each ' +
    'customer id that answered or was invited with it (answers, impressions, invitations), in ' +
    'one transaction; the rollups are corrected in it.',
  ...secured,
  request: { query: EraseByEmailQuery },
  responses: { 200: jsonContent(Erased, 'Erased'), ...problems(400, 401, 403, 404) },
})

// at-risk is registered before {customerId} so that it is not read as a customer id.
export const customerRoutes = createApp()
  .openapi(atRisk, async (c) => {
    const q = c.req.valid('query')
    const { db, projectId } = c.var.ctx
    if (q.surveyId && !(await findSurvey(db, projectId, q.surveyId, { includeArchived: true }))) {
      throw notFound('Survey')
    }
    const since = new Date(Date.now() - q.days * DAY_MS).toISOString()
    const atRisk = await findAtRisk(db, projectId, {
      surveyId: q.surveyId,
      since,
      min: q.min,
      limit: q.limit,
    })
    // Insights hook: where each customer's polarity last fell, in the same window.
    const drops = await lastDropsOf(
      db,
      projectId,
      atRisk.map((a) => a.customerId),
      since,
      q.surveyId,
    )
    const data = atRisk.map((a) => ({ ...a, lastDrop: drops.get(a.customerId) ?? null }))
    return c.json({ since, data }, 200)
  })
  .openapi(read, async (c) => {
    const { customerId } = c.req.valid('param')
    const data = await findCustomerAnswers(c.var.ctx.db, c.var.ctx.projectId, customerId)
    if (data.length === 0) throw notFound('Customer')
    return c.json({ customerId, data }, 200)
  })
  .openapi(erase, async (c) => {
    const { customerId } = c.req.valid('param')
    const { deleted, found } = await eraseCustomer(c.var.ctx, { customerId })
    if (!found) throw notFound('Customer')
    return c.json({ deleted }, 200)
  })
  .openapi(eraseByEmail, async (c) => {
    const { email } = c.req.valid('query')
    const { deleted, found } = await eraseCustomer(c.var.ctx, { email })
    if (!found) throw notFound('Customer')
    return c.json({ deleted }, 200)
  })
