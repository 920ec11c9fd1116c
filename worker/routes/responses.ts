import { createRoute, z } from '@hono/zod-openapi'
import { ClientId } from '../../schema/fields'
import {
  IMPORT_LIMITS,
  ImportInput,
  ImportResult,
  Response,
  ResponseList,
  ResponseListQuery,
  ResponseManagerPatch,
} from '../../schema/response'
import { findResponse, listResponses, patchResponse } from '../db/responses'
import { findSurvey } from '../db/surveys'
import { decodeCursor } from '../lib/cursor'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'
import { managerAuth } from '../middleware/auth'
import { limitBody } from '../middleware/body-limit'
import { CSV_PART_ROWS, csvExport } from '../services/csv-export'
import { importAnswers } from '../services/import'

const list = createRoute({
  method: 'get',
  path: '/v1/responses',
  summary:
    "A survey's answers (or, without surveyId, the project's), newest first, with cursor pagination; CSV with Accept: text/csv",
  description:
    `With \`Accept: text/csv\` the filtered list streams as RFC 4180 CSV (UTF-8, header row), at most ${CSV_PART_ROWS.toLocaleString('en')} answers per request; ` +
    'when more match, the `Link` header (rel="next") gives the URL of the next part. In CSV, ' +
    "cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading '.",
  ...securedRead,
  request: { query: ResponseListQuery },
  responses: {
    200: {
      description: 'One page of answers, or the matching answers as CSV (in parts; see Link)',
      headers: z.object({
        link: z.string().optional().meta({
          description: 'CSV only: `<url>; rel="next"` when more answers match than one part holds',
        }),
      }),
      content: {
        'application/json': { schema: ResponseList },
        'text/csv': { schema: z.string().meta({ description: 'RFC 4180 CSV with a header row' }) },
      },
    },
    ...problems(400, 401, 403, 404),
  },
})

const one = createRoute({
  method: 'get',
  path: '/v1/responses/{id}',
  summary: 'One answer (where the Slack and webhook links of the dashboard land)',
  ...securedRead,
  request: { params: z.object({ id: ClientId }) },
  responses: {
    200: jsonContent(Response, 'The answer'),
    ...problems(400, 401, 403, 404),
  },
})

const patch = createRoute({
  method: 'patch',
  path: '/v1/responses/{id}',
  summary: 'Close the loop on an answer (followUp, note) or mark it as a test answer',
  ...secured,
  request: { params: z.object({ id: ClientId }), body: jsonBody(ResponseManagerPatch) },
  responses: {
    200: jsonContent(Response, 'The changed answer'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const importRoute = createRoute({
  method: 'post',
  path: '/v1/responses/import',
  summary: `Import up to ${IMPORT_LIMITS.rows} answers from another tool (idempotent by id; all or nothing)`,
  description:
    'The `x-d1-rows-written` header says how many rows D1 wrote, rollups and indexes included.',
  middleware: [limitBody(IMPORT_LIMITS.bodyBytes), managerAuth('full')],
  security: secured.security,
  request: { body: jsonBody(ImportInput) },
  responses: {
    200: jsonContent(ImportResult, 'Stored; repeated ids are counted as duplicates'),
    ...problems(400, 401, 403, 409, 413),
  },
})

export const responseRoutes = createApp()
  .openapi(list, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query')
    const projectId = c.get('projectId')
    if (
      filter.surveyId &&
      !(await findSurvey(c.env.DB, projectId, filter.surveyId, { includeArchived: true }))
    )
      throw notFound('Survey')
    const after = cursor ? decodeCursor(cursor) : undefined
    if (c.req.header('accept')?.includes('text/csv')) {
      return csvExport(c.env.DB, projectId, filter, after, c.req.url)
    }
    const { rows, nextCursor } = await listResponses(c.env.DB, projectId, filter, {
      after,
      limit,
    })
    return c.json({ data: rows, nextCursor }, 200)
  })
  .openapi(one, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    const response = await findResponse(c.env.DB, c.get('projectId'), id)
    if (!response) throw notFound('Response')
    return c.json(response, 200)
  })
  .openapi(patch, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    const at = new Date().toISOString()
    const response = await patchResponse(c.env.DB, c.get('projectId'), id, c.req.valid('json'), at)
    if (!response) throw notFound('Response')
    return c.json(response, 200)
  })
  .openapi(importRoute, async (c) => {
    const { result, rowsWritten } = await importAnswers(
      c.env.DB,
      c.get('projectId'),
      c.req.valid('json'),
      new Date(),
    )
    c.header('x-d1-rows-written', String(rowsWritten))
    return c.json(result, 200)
  })
