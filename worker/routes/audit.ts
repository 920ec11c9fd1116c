// GET /v1/audit: who did what and when, for full keys and admins; CSV with Accept: text/csv.
import { createRoute, z } from '@hono/zod-openapi'
import { AuditList, AuditQuery, type AuditEntry } from '../../schema/audit'
import { listAudit } from '../db/audit-log'
import { createApp } from '../lib/app'
import { csvLine } from '../lib/csv'
import { decodeCursor } from '../lib/cursor'
import { problems, securedAdmin } from '../lib/openapi'

/** Entries per CSV part (one D1 read); `Link: rel="next"` names the next part. */
export const AUDIT_CSV_ROWS = 5000

const CSV_HEADER = [
  'at',
  'actor',
  'action',
  'target',
  'detail',
  'id',
] as const satisfies readonly (keyof AuditEntry)[]

const list = createRoute({
  method: 'get',
  path: '/',
  summary:
    'The audit log, newest first, filtered by actor, action and time; CSV with Accept: text/csv',
  description:
    `Every state-changing call of the manager API is recorded with its actor and outcome, and sign-ins. ` +
    `CSV: at most ${AUDIT_CSV_ROWS.toLocaleString('en')} entries per request, the next part in the Link header. ` +
    'Readable by owners and admins, or with a full key (SPEC.md "Accounts and roles").',
  ...securedAdmin,
  request: { query: AuditQuery },
  responses: {
    200: {
      description: 'One page of entries, or CSV',
      headers: z.object({ link: z.string().optional() }),
      content: {
        'application/json': { schema: AuditList },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems(400, 401, 403),
  },
})

export const auditRoutes = createApp().openapi(list, async (c) => {
  const { cursor, limit, ...filter } = c.req.valid('query')
  const { db, projectId } = c.var.ctx
  const after = cursor ? decodeCursor(cursor) : undefined
  if (c.req.header('accept')?.includes('text/csv')) {
    const page = await listAudit(db, projectId, filter, { after, limit: AUDIT_CSV_ROWS })
    const body =
      csvLine(CSV_HEADER) + page.rows.map((e) => csvLine(CSV_HEADER.map((k) => e[k]))).join('')
    const headers: Record<string, string> = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit.csv"',
    }
    if (page.nextCursor) {
      const next = new URL(c.req.url)
      next.searchParams.set('cursor', page.nextCursor)
      headers.link = `<${next.pathname}${next.search}>; rel="next"`
    }
    return c.body(body, 200, headers)
  }
  const page = await listAudit(db, projectId, filter, { after, limit })
  return c.json({ data: page.rows, nextCursor: page.nextCursor }, 200)
})
