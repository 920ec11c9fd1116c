// Relationship programs of the email channel: /v1/email/programs (SPEC.md "Email channel").
import { createRoute, z } from '@hono/zod-openapi'
import {
  EmailProgram,
  EmailProgramCreate,
  EmailProgramList,
  EmailProgramPatch,
} from '../../schema/email-triggers'
import { Id } from '../../schema/fields'
import { findProgram, listPrograms, programFromRow } from '../db/email-programs'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createProgram, patchProgram } from '../email/programs'

const IdParam = z.object({ id: Id })

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Start a relationship program: every person asked every 90, 180 or 365 days',
  description:
    'Sends are planned a day ahead, at most dailyCap a day, spread over the window (weekday ' +
    'mornings 09:00–12:00 when left out) in each person’s time zone; a person contacted on any ' +
    'channel since is asked everyDays after that contact instead.',
  ...secured,
  request: { body: jsonBody(EmailProgramCreate) },
  responses: {
    201: jsonContent(EmailProgram, 'The program'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's email programs, newest first",
  ...securedRead,
  responses: { 200: jsonContent(EmailProgramList, 'Programs'), ...problems(401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read an email program',
  ...securedRead,
  request: { params: IdParam },
  responses: { 200: jsonContent(EmailProgram, 'The program'), ...problems(401, 403, 404) },
})

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Pause or resume a program, or change its daily cap or window',
  description:
    'Pausing cancels its scheduled sends (state cancelled, reason program_paused); resuming ' +
    'plans again from the next day.',
  ...secured,
  request: { params: IdParam, body: jsonBody(EmailProgramPatch) },
  responses: {
    200: jsonContent(EmailProgram, 'The changed program'),
    ...problems(400, 401, 403, 404, 413),
  },
})

export const emailProgramRoutes = createApp()
  .openapi(create, async (c) => c.json(await createProgram(c.var.ctx, c.req.valid('json')), 201))
  .openapi(list, async (c) => {
    const rows = await listPrograms(c.var.ctx.db, c.var.ctx.projectId)
    return c.json({ data: rows.map(programFromRow) }, 200)
  })
  .openapi(read, async (c) => {
    const row = await findProgram(c.var.ctx.db, c.var.ctx.projectId, c.req.valid('param').id)
    if (!row) throw notFound('Email program')
    return c.json(programFromRow(row), 200)
  })
  .openapi(patch, async (c) =>
    c.json(await patchProgram(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
