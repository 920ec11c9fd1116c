import { createRoute } from '@hono/zod-openapi'
import { ResponseList, ResponseListQuery } from '../../schema/response'
import { listResponses } from '../db/responses'
import { findSurvey } from '../db/surveys'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import { jsonContent, problems, secured } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createRouter } from '../lib/router'

const list = createRoute({
  method: 'get',
  path: '/v1/responses',
  summary: "A survey's answers, newest first, with cursor pagination",
  ...secured,
  request: { query: ResponseListQuery },
  responses: { 200: jsonContent(ResponseList, 'One page of answers'), ...problems(400, 401, 403, 404) },
})

export const responseRoutes = createRouter().openapi(list, async (c) => {
  const q = c.req.valid('query')
  const projectId = c.get('projectId')
  if (!(await findSurvey(c.env.DB, projectId, q.surveyId, { includeArchived: true }))) throw notFound('Survey')
  const after = q.cursor ? decodeCursor(q.cursor) : undefined
  const { rows, more } = await listResponses(c.env.DB, projectId, q.surveyId, { after, limit: q.limit })
  const last = rows.at(-1)
  return c.json({ data: rows, nextCursor: more && last ? encodeCursor(last) : null }, 200)
})
