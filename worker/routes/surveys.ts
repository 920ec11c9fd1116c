import { createRoute, z } from '@hono/zod-openapi'
import { Id } from '../../schema/fields'
import { Survey, SurveyCreate, SurveyList, SurveyPatch } from '../../schema/survey'
import { continueRebuild } from '../db/rebuild'
import { archiveSurvey, findSurvey, insertSurvey, listSurveys, updateSurvey } from '../db/surveys'
import { newId } from '../lib/ids'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound } from '../lib/problem'
import { createApp } from '../lib/app'

const IdParam = z.object({ id: Id })

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a survey',
  ...secured,
  request: { body: jsonBody(SurveyCreate) },
  responses: { 201: jsonContent(Survey, 'The survey'), ...problems(400, 401, 403, 413) },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "List the project's surveys",
  ...securedRead,
  responses: { 200: jsonContent(SurveyList, 'Live surveys, newest first'), ...problems(401, 403) },
})

const read = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read a survey',
  ...securedRead,
  request: { params: IdParam },
  responses: { 200: jsonContent(Survey, 'The survey'), ...problems(401, 403, 404) },
})

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change a survey (any field but kind)',
  ...secured,
  request: { params: IdParam, body: jsonBody(SurveyPatch) },
  responses: {
    200: jsonContent(Survey, 'The changed survey'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Archive a survey: it stops collecting, its answers stay readable',
  ...secured,
  request: { params: IdParam },
  responses: { 204: { description: 'Archived' }, ...problems(401, 403, 404) },
})

export const surveyRoutes = createApp()
  .openapi(create, async (c) => {
    const { db, projectId, now } = c.var.ctx
    const survey = await insertSurvey(
      db,
      projectId,
      newId('srv'),
      c.req.valid('json'),
      now.toISOString(),
    )
    return c.json(survey, 201)
  })
  .openapi(list, async (c) =>
    c.json({ data: await listSurveys(c.var.ctx.db, c.var.ctx.projectId) }, 200),
  )
  .openapi(read, async (c) => {
    const { db, projectId } = c.var.ctx
    const survey = await findSurvey(db, projectId, c.req.valid('param').id)
    if (!survey) throw notFound('Survey')
    return c.json(survey, 200)
  })
  .openapi(patch, async (c) => {
    const { db, projectId, now } = c.var.ctx
    const id = c.req.valid('param').id
    const patch = c.req.valid('json')
    const survey = await updateSurvey(db, projectId, id, patch, now.toISOString())
    if (!survey) throw notFound('Survey')
    // New segment keys start a chunked rebuild of the property rollups (a trigger); its first
    // chunks run after the answer, the cron and later metrics calls finish it.
    if (patch.segmentKeys !== undefined) c.executionCtx.waitUntil(continueRebuild(db, id))
    return c.json(survey, 200)
  })
  .openapi(remove, async (c) => {
    const { db, projectId, now } = c.var.ctx
    if (!(await archiveSurvey(db, projectId, c.req.valid('param').id, now.toISOString())))
      throw notFound('Survey')
    return c.body(null, 204)
  })
