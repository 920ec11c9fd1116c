// The closed loop's lists, figures and rules: GET /v1/follow-ups, /stats, /settings.
// One follow-up is read and changed at /v1/responses/:id/follow-up (worker/routes/responses.ts).
import { createRoute } from '@hono/zod-openapi'
import {
  FollowUpList,
  FollowUpListQuery,
  FollowUpSettings,
  FollowUpSettingsQuery,
  FollowUpStats,
  FollowUpStatsQuery,
  DigestSubscription,
} from '../../schema/follow-up'
import { ADMIN_ROLES, findMember } from '../db/loop-members'
import { controlDb } from '../db/resolve'
import { setDigestSubscription } from '../db/digest'
import { saveSettings, settingsFor } from '../db/follow-up-settings'
import { listFollowUps } from '../db/follow-ups'
import { findSurvey } from '../db/surveys'
import { createApp } from '../lib/app'
import { decodeCursor } from '../lib/cursor'
import { jsonBody, jsonContent, problems, secured, securedRead } from '../lib/openapi'
import { notFound, validationError } from '../lib/problem'
import { followUpStats } from '../loop/stats'
import type { Ctx } from '../context'

const list = createRoute({
  method: 'get',
  path: '/',
  summary:
    "Follow-ups of negative answers with their answers, newest first (owner=me: the caller's)",
  ...securedRead,
  request: { query: FollowUpListQuery },
  responses: {
    200: jsonContent(FollowUpList, 'One page'),
    ...problems(400, 401, 403),
  },
})

const stats = createRoute({
  method: 'get',
  path: '/stats',
  summary:
    'Contacted in time, median hours to first contact, recovery rate (Wilson ci95) per project, survey and owner',
  ...securedRead,
  request: { query: FollowUpStatsQuery },
  responses: { 200: jsonContent(FollowUpStats, 'The figures'), ...problems(400, 401, 403, 404) },
})

const getSettings = createRoute({
  method: 'get',
  path: '/settings',
  summary: "The rules of the project's (or a survey's) follow-ups: owners, deadline, re-ask",
  ...securedRead,
  request: { query: FollowUpSettingsQuery },
  responses: {
    200: jsonContent(FollowUpSettings, 'The rules that apply'),
    ...problems(400, 401, 403, 404),
  },
})

const putSettings = createRoute({
  method: 'put',
  path: '/settings',
  summary: "Set the project's rules, or a survey's override (applies to follow-ups assigned later)",
  ...secured,
  request: { query: FollowUpSettingsQuery, body: jsonBody(FollowUpSettings) },
  responses: {
    200: jsonContent(FollowUpSettings, 'The stored rules'),
    ...problems(400, 401, 403, 404, 413),
  },
})

const digest = createRoute({
  method: 'put',
  path: '/digest',
  summary: 'Opt an admin in to (or out of) the weekly digest email',
  description:
    'The digest: changes significant after Benjamini–Hochberg (q = 0.1) across the segments tested, rising themes, overdue follow-ups, the contacted-in-time share.',
  ...secured,
  request: { body: jsonBody(DigestSubscription) },
  responses: {
    200: jsonContent(DigestSubscription.required(), 'The subscription as stored'),
    ...problems(400, 401, 403, 413),
  },
})

async function surveyOf(ctx: Ctx, surveyId: string | undefined) {
  if (surveyId && !(await findSurvey(ctx.db, ctx.projectId, surveyId, { includeArchived: true })))
    throw notFound('Survey')
}

export const followUpRoutes = createApp()
  .openapi(list, async (c) => {
    const { cursor, limit, owner, ...filter } = c.req.valid('query')
    const ctx = c.var.ctx
    let ownerId: string | null | undefined = owner
    if (owner === 'none') ownerId = null
    if (owner === 'me') {
      if (ctx.actor.kind !== 'user')
        throw validationError([
          { path: 'query.owner', message: 'owner=me needs a signed-in person, not a key' },
        ])
      ownerId = ctx.actor.userId
    }
    const page = await listFollowUps(
      ctx.db,
      ctx.projectId,
      { ...filter, ownerId },
      { after: cursor ? decodeCursor(cursor) : undefined, limit },
      ctx.now,
    )
    return c.json({ data: page.rows, nextCursor: page.nextCursor }, 200)
  })
  .openapi(stats, async (c) => {
    const q = c.req.valid('query')
    await surveyOf(c.var.ctx, q.surveyId)
    return c.json(await followUpStats(c.var.ctx, q), 200)
  })
  .openapi(getSettings, async (c) => {
    const { surveyId } = c.req.valid('query')
    const { db, projectId } = c.var.ctx
    await surveyOf(c.var.ctx, surveyId)
    return c.json(await settingsFor(db, projectId, surveyId), 200)
  })
  .openapi(digest, async (c) => {
    const body = c.req.valid('json')
    const ctx = c.var.ctx
    const userId = body.userId ?? (ctx.actor.kind === 'user' ? ctx.actor.userId : undefined)
    const member = userId && (await findMember(controlDb(ctx.env), ctx.projectId, userId))
    if (!userId || !member || !ADMIN_ROLES.includes(member.role))
      throw validationError([
        { path: 'userId', message: 'an admin or owner of this project (required with a key)' },
      ])
    await setDigestSubscription(ctx.db, ctx.projectId, userId, body.subscribed, ctx.now)
    return c.json({ userId, subscribed: body.subscribed }, 200)
  })
  .openapi(putSettings, async (c) => {
    const { surveyId } = c.req.valid('query')
    const { db, projectId, now } = c.var.ctx
    await surveyOf(c.var.ctx, surveyId)
    const settings = c.req.valid('json')
    await saveSettings(db, projectId, surveyId, settings, now.toISOString())
    return c.json(settings, 200)
  })
