// The project's API keys: list, create (read or full), revoke.
import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import { KeyCreate, KeyCreated, KeyList } from '../../schema/keys'
import { listApiKeys } from '../db/api-keys'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import { createKey, revokeKey } from '../services/keys'
import { controlDb } from '../db/resolve'

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's live keys (never the keys themselves)",
  ...securedRead,
  responses: { 200: jsonContent(KeyList, 'Oldest first'), ...problems(401, 403) },
})

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a key: scope read (rk_…) or full (sk_…); the key is shown only in this answer',
  ...securedAdmin,
  request: { body: jsonBody(KeyCreate) },
  responses: { 201: jsonContent(KeyCreated, 'The key, once'), ...problems(400, 401, 403, 413) },
})

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Revoke a key at once; the dashboard sessions made with it end too',
  ...securedAdmin,
  request: { params: z.object({ id: Id }) },
  responses: { 204: { description: 'Revoked' }, ...problems(401, 403, 404, 409) },
})

export const keyRoutes = createApp()
  .openapi(list, async (c) =>
    c.json({ data: await listApiKeys(controlDb(c.env), c.var.ctx.projectId) }, 200),
  )
  .openapi(create, async (c) => {
    const key = await createKey(c.var.ctx, c.req.valid('json'))
    c.header('cache-control', 'no-store')
    return c.json(key, 201)
  })
  .openapi(revoke, async (c) => {
    await revokeKey(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
