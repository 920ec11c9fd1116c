// The email channel's sends and the email's preview (SPEC.md "Email channel").
import { createRoute, z } from '@hono/zod-openapi'
import {
  EmailPreview,
  EmailPreviewQuery,
  EmailSendDetail,
  EmailSendList,
  EmailSendListQuery,
} from '../../schema/email-sends'
import { Id } from '../../schema/fields'
import { findSendWithMessage, listSends } from '../db/email-delivery'
import { previewEmail } from '../email/preview'
import { sendDetail, sendFromRow } from '../email/views'
import { createApp } from '../lib/app'
import { decodeCursor } from '../lib/cursor'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'

const list = createRoute({
  method: 'get',
  path: '/sends',
  summary:
    'Survey emails, newest first, with their state and the reason of a send that ended unsent',
  ...securedRead,
  request: { query: EmailSendListQuery },
  responses: { 200: jsonContent(EmailSendList, 'Sends'), ...problems(400, 401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/sends/{id}',
  summary: 'One survey email with the message as it was sent (headers, html, text)',
  ...securedRead,
  request: { params: z.object({ id: Id }) },
  responses: { 200: jsonContent(EmailSendDetail, 'The send'), ...problems(400, 401, 403, 404) },
})

const preview = createRoute({
  method: 'get',
  path: '/preview',
  summary: 'The survey email in a locale, as a person would get it (links lead to a preview)',
  ...securedRead,
  request: { query: EmailPreviewQuery },
  responses: {
    200: jsonContent(EmailPreview, 'Subject, HTML, text'),
    ...problems(400, 401, 403, 404),
  },
})

export const emailSendRoutes = createApp()
  .openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await listSends(c.var.ctx.db, c.var.ctx.projectId, {
      state: q.state,
      limit: q.limit,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    })
    return c.json({ data: page.rows.map(sendFromRow), nextCursor: page.nextCursor }, 200)
  })
  .openapi(read, async (c) => {
    const found = await findSendWithMessage(
      c.var.ctx.db,
      c.var.ctx.projectId,
      c.req.valid('param').id,
    )
    if (!found) throw notFound('Send')
    return c.json(sendDetail(found.send, found.message), 200)
  })
  .openapi(preview, async (c) => {
    const origin = new URL(c.req.url).origin
    const shown = await previewEmail(c.var.ctx, c.req.valid('query'), origin)
    if (!shown) throw notFound('Survey')
    return c.json(shown, 200)
  })
