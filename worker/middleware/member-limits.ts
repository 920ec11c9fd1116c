// A member limited to surveys, touchpoints or a segment value (schema/roles.ts MemberLimits) sees
// only answers inside them: a request that names something outside, or that cannot be narrowed to
// them, is 403 out_of_scope — never the data. Default deny: an operation not listed here is
// refused to a limited member, so a new route is safe until it says how it narrows.
import type { Context } from 'hono'
import type { MemberLimits } from '../../schema/roles'
import { getDb } from '../db/client'
import { ApiError } from '../lib/problem'

const outOfScope = (detail: string) => new ApiError('out_of_scope', detail)

const inList = (list: string[] | undefined, value: string | null | undefined) =>
  !list || (value != null && list.includes(value))

/** Lists and aggregates: the query must name a survey and touchpoint inside the limits. */
function checkQuery(c: Context, limits: MemberLimits, touchpointFilter: boolean) {
  if (!inList(limits.surveyIds, c.req.query('surveyId')))
    throw outOfScope('Name one of your surveys (surveyId).')
  if (limits.touchpoints && !touchpointFilter)
    throw outOfScope('This view cannot be narrowed to your touchpoints.')
  if (!inList(limits.touchpoints, c.req.query('touchpoint')))
    throw outOfScope('Name one of your touchpoints (touchpoint).')
  if (limits.segment) throw outOfScope('This view cannot be narrowed to your segment yet.')
}

/** One answer: its survey, touchpoint and segment value must be inside the limits. */
async function checkAnswer(db: D1Database, projectId: string, id: string, limits: MemberLimits) {
  const row = await getDb(db)
    .selectFrom('responses')
    .select(['survey_id', 'touchpoint', 'properties'])
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  if (!row) return // the handler answers 404 as for anyone
  const props = JSON.parse(row.properties) as Record<string, unknown>
  const segment = limits.segment
  if (
    !inList(limits.surveyIds, row.survey_id) ||
    !inList(limits.touchpoints, row.touchpoint) ||
    (segment && String(props[segment.property] ?? '') !== segment.value)
  )
    throw outOfScope('This answer is outside the surveys, touchpoints or segment you see.')
}

/** Checks one request of a limited member; `route` is Hono's routePath (e.g. /v1/surveys/:id). */
export async function checkMemberLimits(
  c: Context,
  db: D1Database,
  projectId: string,
  limits: MemberLimits,
) {
  const op = `${c.req.method} ${c.req.routePath}`
  switch (op) {
    // Who and what, not answers.
    case 'GET /v1/project':
    case 'GET /v1/members':
    case 'GET /v1/surveys':
    case 'GET /v1/sessions/current':
      return
    case 'GET /v1/surveys/:id':
    case 'PATCH /v1/surveys/:id':
    case 'DELETE /v1/surveys/:id':
      if (!inList(limits.surveyIds, c.req.param('id')))
        throw outOfScope('This survey is not one of yours.')
      return
    case 'GET /v1/metrics':
    case 'GET /v1/responses':
      return checkQuery(c, limits, true)
    case 'GET /v1/themes':
      return checkQuery(c, limits, false)
    case 'GET /v1/responses/:id':
    case 'PATCH /v1/responses/:id':
      return checkAnswer(db, projectId, c.req.param('id') ?? '', limits)
    default:
      throw outOfScope('A member limited to surveys, touchpoints or a segment cannot do this.')
  }
}
