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
import { jsonContent, problems, secured } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'
import { eraseCustomer } from '../services/erasure'

const atRisk = createRoute({
  method: 'get',
  path: '/v1/customers/at-risk',
  summary:
    'Customers with at least `min` detractor, difficult or unsatisfied answers in the last `days`',
  ...secured,
  request: { query: AtRiskQuery },
  responses: {
    200: jsonContent(AtRiskList, 'Most negative first'),
    ...problems(400, 401, 403, 404),
  },
})

const read = createRoute({
  method: 'get',
  path: '/v1/customers/{customerId}',
  summary: "A customer's answers across the project's surveys",
  ...secured,
  request: { params: CustomerParam },
  responses: { 200: jsonContent(CustomerAnswers, 'Newest first'), ...problems(400, 401, 403, 404) },
})

const erase = createRoute({
  method: 'delete',
  path: '/v1/customers/{customerId}',
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
  path: '/v1/customers',
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
    const projectId = c.get('projectId')
    if (
      q.surveyId &&
      !(await findSurvey(c.env.DB, projectId, q.surveyId, { includeArchived: true }))
    ) {
      throw notFound('Survey')
    }
    const since = new Date(Date.now() - q.days * DAY_MS).toISOString()
    const data = await findAtRisk(c.env.DB, projectId, {
      surveyId: q.surveyId,
      since,
      min: q.min,
      limit: q.limit,
    })
    return c.json({ since, data }, 200)
  })
  .openapi(read, async (c) => {
    const { customerId } = c.req.valid('param')
    const data = await findCustomerAnswers(c.env.DB, c.get('projectId'), customerId)
    if (data.length === 0) throw notFound('Customer')
    return c.json({ customerId, data }, 200)
  })
  .openapi(erase, async (c) => {
    const { customerId } = c.req.valid('param')
    const { deleted, found } = await eraseCustomer(c.env.DB, c.get('projectId'), { customerId })
    if (!found) throw notFound('Customer')
    return c.json({ deleted }, 200)
  })
  .openapi(eraseByEmail, async (c) => {
    const { email } = c.req.valid('query')
    const { deleted, found } = await eraseCustomer(c.env.DB, c.get('projectId'), { email })
    if (!found) throw notFound('Customer')
    return c.json({ deleted }, 200)
  })
