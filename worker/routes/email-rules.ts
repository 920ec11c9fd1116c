// Event rules of the email channel: /v1/email/rules (SPEC.md "Email channel").
import { createRoute, z } from '@hono/zod-openapi'
import {
  EmailRule,
  EmailRuleCreate,
  EmailRuleList,
  EmailRulePatch,
} from '../../schema/email-triggers'
import { Id } from '../../schema/fields'
import { findRule, listRules, ruleFromRow } from '../db/email-rules'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createRule, patchRule, removeRule } from '../email/rules'

const IdParam = z.object({ id: Id })

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add a rule: an event type schedules a survey email after a delay, inside a send window',
  description:
    'The window is local clock time in the recipient’s time zone (the event’s, else the ' +
    'person’s, else the project’s timeZone); weekdays 09:00–17:00 when left out. ' +
    '404 when the survey is not in this project.',
  ...secured,
  request: { body: jsonBody(EmailRuleCreate) },
  responses: {
    201: jsonContent(EmailRule, 'The rule'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's email rules, newest first",
  ...securedRead,
  responses: { 200: jsonContent(EmailRuleList, 'Rules'), ...problems(401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read an email rule',
  ...securedRead,
  request: { params: IdParam },
  responses: { 200: jsonContent(EmailRule, 'The rule'), ...problems(401, 403, 404) },
})

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change an email rule; sends it scheduled already keep their time',
  ...secured,
  request: { params: IdParam, body: jsonBody(EmailRulePatch) },
  responses: {
    200: jsonContent(EmailRule, 'The changed rule'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete an email rule; sends it scheduled already stay scheduled',
  ...secured,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})

export const emailRuleRoutes = createApp()
  .openapi(create, async (c) => c.json(await createRule(c.var.ctx, c.req.valid('json')), 201))
  .openapi(list, async (c) => {
    const rows = await listRules(c.var.ctx.db, c.var.ctx.projectId)
    return c.json({ data: rows.map(ruleFromRow) }, 200)
  })
  .openapi(read, async (c) => {
    const row = await findRule(c.var.ctx.db, c.var.ctx.projectId, c.req.valid('param').id)
    if (!row) throw notFound('Email rule')
    return c.json(ruleFromRow(row), 200)
  })
  .openapi(patch, async (c) => {
    const rule = await patchRule(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))
    return c.json(rule, 200)
  })
  .openapi(remove, async (c) => {
    await removeRule(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
