import { createRoute, z } from '@hono/zod-openapi'
import { createApp } from '../lib/app'
import { jsonContent } from '../lib/openapi'
import { controlDb } from '../db/resolve'

const Health = z.object({ status: z.literal('ok'), db: z.literal('ok') })

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness; touches D1',
  responses: { 200: jsonContent(Health, 'The worker and its database answer') },
})

export const healthRoutes = createApp().openapi(route, async (c) => {
  await controlDb(c.env).prepare('SELECT 1').first()
  return c.json({ status: 'ok' as const, db: 'ok' as const }, 200)
})
