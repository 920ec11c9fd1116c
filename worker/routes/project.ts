// The caller's own project: its settings, read and changed with its secret key.
import { createRoute } from '@hono/zod-openapi'
import { ProjectPatch, ProjectSettings } from '../../schema/project'
import { findProjectSettings, updateProject } from '../db/projects'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { controlDb } from '../db/resolve'

const read = createRoute({
  method: 'get',
  path: '/',
  summary: "This key's project: name, signed identity, retention",
  ...securedRead,
  responses: {
    200: jsonContent(ProjectSettings, 'The settings'),
    ...problems(401, 403, 404),
  },
})

const patch = createRoute({
  method: 'patch',
  path: '/',
  summary: "Change this key's project settings (e.g. retentionDays, the anonymisation period)",
  description:
    'A retention period applies from the next daily run: answers older than it are anonymised ' +
    'in bounded chunks, so a large backlog may take more than one run.',
  ...securedAdmin,
  request: { body: jsonBody(ProjectPatch) },
  responses: {
    200: jsonContent(ProjectSettings, 'The changed settings'),
    ...problems(400, 401, 403, 404, 413),
  },
})

export const projectSettingsRoutes = createApp()
  .openapi(read, async (c) => {
    const settings = await findProjectSettings(controlDb(c.env), c.var.ctx.projectId)
    if (!settings) throw notFound('Project')
    return c.json(settings, 200)
  })
  .openapi(patch, async (c) => {
    const settings = await updateProject(controlDb(c.env), c.var.ctx.projectId, c.req.valid('json'))
    if (!settings) throw notFound('Project')
    return c.json(settings, 200)
  })
