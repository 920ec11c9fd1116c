import { createRoute } from '@hono/zod-openapi'
import { ProjectCreate, ProjectCreated } from '../../schema/project'
import { adminAuth } from '../middleware/auth'
import { limitBody } from '../middleware/body-limit'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems } from '../lib/openapi'
import { createProject } from '../services/projects'
import { controlDb } from '../db/resolve'

const route = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a project (tenant); its secret key is shown only in this answer',
  middleware: [limitBody(), adminAuth()],
  security: [{ adminToken: [] }],
  request: { body: jsonBody(ProjectCreate) },
  responses: {
    201: jsonContent(ProjectCreated, 'The project and its keys'),
    ...problems(400, 401, 403, 413),
  },
})

export const projectRoutes = createApp().openapi(route, async (c) => {
  const project = await createProject(controlDb(c.env), c.req.valid('json'), new Date())
  return c.json(project, 201)
})
