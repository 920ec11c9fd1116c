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
import { outboxRelay } from '../middleware/outbox-relay'
import { FollowUpDetail, FollowUpPatch } from '../../schema/follow-up'
import { changeFollowUp, followLegacyPatch, followUpDetail } from '../loop/change'

const list = createRoute({
  method: 'get',
  path: '/',
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
  path: '/{id}',
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
  path: '/{id}',
  summary: 'Close the loop on an answer (followUp, note) or mark it as a test answer',
  ...secured,
  middleware: [...secured.middleware, outboxRelay()] as const,
  request: { params: z.object({ id: ClientId }), body: jsonBody(ResponseManagerPatch) },
  responses: {
    200: jsonContent(Response, 'The changed answer'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const followUpOne = createRoute({
  method: 'get',
  path: '/{id}/follow-up',
  summary: "An answer's follow-up: owner, deadline, state, and its history (who, when, what)",
  ...securedRead,
  request: { params: z.object({ id: ClientId }) },
  responses: {
    200: jsonContent(FollowUpDetail, 'The follow-up with its history, oldest change first'),
    ...problems(400, 401, 403, 404),
  },
})

const followUpPatch = createRoute({
  method: 'patch',
  path: '/{id}/follow-up',
  summary:
    'Move a follow-up (open → contacted via call, email or ticket → resolved or unreachable), assign it, add a note',
  description:
    'Each change is recorded with its author and time. The answer’s `followUp` follows (resolved and unreachable are `closed`), ' +
    'so `followup.updated` webhooks fire as before. Resolving schedules the re-ask email when the rules ask for one.',
  ...secured,
  middleware: [...secured.middleware, outboxRelay()] as const,
  request: { params: z.object({ id: ClientId }), body: jsonBody(FollowUpPatch) },
  responses: {
    200: jsonContent(FollowUpDetail, 'The changed follow-up with its history'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const importRoute = createRoute({
  method: 'post',
  path: '/import',
  summary: `Import up to ${IMPORT_LIMITS.rows} answers from another tool (idempotent by id; all or nothing)`,
  description:
    'The `x-d1-rows-written` header says how many rows D1 wrote, rollups and indexes included.',
  middleware: [limitBody(IMPORT_LIMITS.bodyBytes), managerAuth('full'), outboxRelay()] as const,
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
    const { db, projectId } = c.var.ctx
    if (
      filter.surveyId &&
      !(await findSurvey(db, projectId, filter.surveyId, { includeArchived: true }))
    )
      throw notFound('Survey')
    const after = cursor ? decodeCursor(cursor) : undefined
    if (c.req.header('accept')?.includes('text/csv')) {
      return csvExport(c.var.ctx, filter, after, c.req.url)
    }
    const { rows, nextCursor } = await listResponses(db, projectId, filter, {
      after,
      limit,
    })
    return c.json({ data: rows, nextCursor }, 200)
  })
  .openapi(one, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    const response = await findResponse(c.var.ctx.db, c.var.ctx.projectId, id)
    if (!response) throw notFound('Response')
    return c.json(response, 200)
  })
  .openapi(patch, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    const { db, projectId, now } = c.var.ctx
    const patch = c.req.valid('json')
    const response = await patchResponse(db, projectId, id, patch, now.toISOString())
    if (!response) throw notFound('Response')
    await followLegacyPatch(c.var.ctx, id, patch)
    return c.json(response, 200)
  })
  .openapi(followUpOne, async (c) =>
    c.json(await followUpDetail(c.var.ctx, c.req.valid('param').id.toLowerCase()), 200),
  )
  .openapi(followUpPatch, async (c) => {
    const id = c.req.valid('param').id.toLowerCase()
    return c.json(await changeFollowUp(c.var.ctx, id, c.req.valid('json')), 200)
  })
  .openapi(importRoute, async (c) => {
    const { result, rowsWritten } = await importAnswers(c.var.ctx, c.req.valid('json'))
    c.header('x-d1-rows-written', String(rowsWritten))
    return c.json(result, 200)
  })
