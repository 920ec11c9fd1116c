// The project's suppression list: addresses that are never mailed, stored as hashes only.
import { createRoute } from '@hono/zod-openapi'
import {
  SuppressionCreate,
  SuppressionCreated,
  SuppressionList,
  SuppressionListQuery,
} from '../../schema/email-sends'
import { listSuppressions } from '../db/suppressions'
import { suppressAddresses } from '../email/suppressions'
import { createApp } from '../lib/app'
import { decodeCursor } from '../lib/cursor'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Suppressed addresses (as hashes), newest first',
  ...securedRead,
  request: { query: SuppressionListQuery },
  responses: { 200: jsonContent(SuppressionList, 'Suppressions'), ...problems(400, 401, 403) },
})

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Suppress addresses (up to 200 a call; stored as hashes); their pending sends end',
  ...secured,
  request: { body: jsonBody(SuppressionCreate) },
  responses: {
    201: jsonContent(SuppressionCreated, 'How many were new, and how many sends ended'),
    ...problems(400, 401, 403, 413),
  },
})

export const suppressionRoutes = createApp()
  .openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await listSuppressions(c.var.ctx.db, c.var.ctx.projectId, {
      limit: q.limit,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    })
    const data = page.rows.map((r) => ({
      emailHash: r.email_hash,
      reason: r.reason,
      createdAt: r.created_at,
    }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json')
    const done = await suppressAddresses(c.var.ctx, body.addresses, body.reason)
    if (!done) throw notFound('Project')
    return c.json(done, 201)
  })
