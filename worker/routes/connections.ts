import { createRoute, z } from '@hono/zod-openapi'
import { HELPDESK_LIMITS } from '../../schema/constants'
import {
  Connection,
  ConnectionCreate,
  ConnectionCreated,
  ConnectionDetail,
  ConnectionEventList,
  ConnectionEventQuery,
  ConnectionList,
  ConnectionPatch,
} from '../../schema/connection'
import { Id } from '../../schema/fields'
import {
  connectionFromRow,
  deleteConnection,
  findConnection,
  listConnections,
} from '../db/helpdesk-connections'
import { eventFromRow, listEvents } from '../db/helpdesk-events'
import { createApp } from '../lib/app'
import { decodeCursor } from '../lib/cursor'
import { jsonBody, jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createConnection, patchConnection, setupOf } from '../services/connections'

const IdParam = z.object({ id: Id })

const create = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Connect a help desk (Zendesk, Freshdesk, Help Scout): solved tickets get a survey reply',
  description:
    'Credentials are stored encrypted and never returned. For Freshdesk and Help Scout the ' +
    '`inboundSecret` to paste into the help desk is in this answer only. `setup` lists the exact ' +
    'steps, with the URLs filled in. `baseUrl` must be https.',
  ...securedAdmin,
  request: { body: jsonBody(ConnectionCreate) },
  responses: {
    201: jsonContent(ConnectionCreated, 'The connection, its setup and (once) its inbound secret'),
    ...problems(400, 401, 403, 409, 413),
  },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's help-desk connections, newest first",
  ...securedRead,
  responses: { 200: jsonContent(ConnectionList, 'Connections'), ...problems(401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read a connection and its setup steps (secrets are not shown again)',
  ...securedRead,
  request: { params: IdParam },
  responses: { 200: jsonContent(ConnectionDetail, 'The connection'), ...problems(401, 403, 404) },
})

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: "Change a connection: survey, baseUrl, credentials, rules, or Zendesk's signingSecret",
  ...securedAdmin,
  request: { params: IdParam, body: jsonBody(ConnectionPatch) },
  responses: {
    200: jsonContent(Connection, 'The changed connection'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a connection with its events log; pending surveys are dropped',
  ...securedAdmin,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})

const events = createRoute({
  method: 'get',
  path: '/{id}/events',
  summary:
    'Each ticket seen: what was decided and why (rules, contact ledger), and the help-desk call outcome; newest first',
  ...securedRead,
  request: { params: IdParam, query: ConnectionEventQuery },
  responses: {
    200: jsonContent(ConnectionEventList, 'Events'),
    ...problems(400, 401, 403, 404),
  },
})

export const connectionRoutes = createApp()
  .openapi(create, async (c) => {
    const origin = new URL(c.req.url).origin
    const created = await createConnection(c.var.ctx, c.req.valid('json'), origin)
    return c.json(created, 201)
  })
  .openapi(list, async (c) => {
    const rows = await listConnections(
      c.var.ctx.db,
      c.var.ctx.projectId,
      HELPDESK_LIMITS.connectionsPerProject,
    )
    return c.json({ data: rows.map(connectionFromRow) }, 200)
  })
  .openapi(read, async (c) => {
    const row = await findConnection(c.var.ctx.db, c.var.ctx.projectId, c.req.valid('param').id)
    if (!row) throw notFound('Connection')
    return c.json({ ...connectionFromRow(row), setup: setupOf(row) }, 200)
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param')
    const conn = await patchConnection(c.var.ctx, id, c.req.valid('json'))
    return c.json(conn, 200)
  })
  .openapi(remove, async (c) => {
    if (!(await deleteConnection(c.var.ctx.db, c.var.ctx.projectId, c.req.valid('param').id)))
      throw notFound('Connection')
    return c.body(null, 204)
  })
  .openapi(events, async (c) => {
    const { id } = c.req.valid('param')
    const { db, projectId } = c.var.ctx
    const row = await findConnection(db, projectId, id)
    if (!row) throw notFound('Connection')
    const { cursor, ticketId } = c.req.valid('query')
    const limit = c.req.valid('query').limit ?? HELPDESK_LIMITS.pageSize
    const after = cursor ? decodeCursor(cursor) : undefined
    const page = await listEvents(db, id, { limit, after, ticketId })
    return c.json({ data: page.rows.map(eventFromRow), nextCursor: page.nextCursor }, 200)
  })
