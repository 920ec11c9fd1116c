// Queries on surveys. JSON columns are (de)serialised here and nowhere else.
import type { Survey, SurveyCreate, SurveyPatch } from '../../schema/survey'
import { sql } from 'kysely'
import { DEFAULT_COOLDOWN_DAYS } from '../../schema/constants'
import { contactWindowDays } from '../../schema/contact-window'
import { getDb } from './client'
import type { SurveyRow } from './types'

export function surveyFromRow(r: SurveyRow): Survey {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    texts: JSON.parse(r.texts),
    throttleDays: r.throttle_days,
    sampleRate: r.sample_rate,
    allowedOrigins: JSON.parse(r.allowed_origins),
    referralUrl: r.referral_url,
    reviewUrl: r.review_url,
    trigger: JSON.parse(r.trigger),
    segmentKeys: JSON.parse(r.segment_keys),
    cooldownDays: r.cooldown_days ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

function columnsOf(s: SurveyPatch): Partial<SurveyRow> {
  const cols: Partial<SurveyRow> = {}
  if (s.name !== undefined) cols.name = s.name
  if (s.texts !== undefined) cols.texts = JSON.stringify(s.texts)
  if (s.throttleDays !== undefined) cols.throttle_days = s.throttleDays
  if (s.sampleRate !== undefined) cols.sample_rate = s.sampleRate
  if (s.allowedOrigins !== undefined) cols.allowed_origins = JSON.stringify(s.allowedOrigins)
  if (s.referralUrl !== undefined) cols.referral_url = s.referralUrl
  if (s.reviewUrl !== undefined) cols.review_url = s.reviewUrl
  if (s.trigger !== undefined) cols.trigger = JSON.stringify(s.trigger)
  if (s.segmentKeys !== undefined) cols.segment_keys = JSON.stringify(s.segmentKeys)
  if (s.cooldownDays !== undefined) cols.cooldown_days = s.cooldownDays
  return cols
}

export async function insertSurvey(
  d1: D1Database,
  projectId: string,
  id: string,
  input: SurveyCreate,
  at: string,
): Promise<Survey> {
  const row = {
    id,
    project_id: projectId,
    kind: input.kind,
    created_at: at,
    updated_at: at,
    deleted_at: null,
    ...columnsOf(input),
  } as SurveyRow
  await getDb(d1).insertInto('surveys').values(row).execute()
  return surveyFromRow(row)
}

/**
 * A survey of this project, or undefined: another project's id looks absent. Archived surveys
 * are found only with `includeArchived` (their answers stay readable).
 */
export async function findSurvey(
  d1: D1Database,
  projectId: string,
  id: string,
  { includeArchived = false } = {},
) {
  let q = getDb(d1)
    .selectFrom('surveys')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
  if (!includeArchived) q = q.where('deleted_at', 'is', null)
  const row = await q.executeTakeFirst()
  return row && surveyFromRow(row)
}

export async function listSurveys(d1: D1Database, projectId: string) {
  const rows = await getDb(d1)
    .selectFrom('surveys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute()
  return rows.map(surveyFromRow)
}

export async function updateSurvey(
  d1: D1Database,
  projectId: string,
  id: string,
  patch: SurveyPatch,
  at: string,
) {
  const row = await getDb(d1)
    .updateTable('surveys')
    .set({ ...columnsOf(patch), updated_at: at })
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
  return row && surveyFromRow(row)
}

/** Archives the survey; its answers stay and remain readable. */
export async function archiveSurvey(d1: D1Database, projectId: string, id: string, at: string) {
  const result = await getDb(d1)
    .updateTable('surveys')
    .set({ deleted_at: at, updated_at: at })
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Live surveys joined with what ingestion needs from their project (signed identity). */
const answerTargets = (d1: D1Database) =>
  getDb(d1)
    .selectFrom('surveys')
    .innerJoin('projects', 'projects.id', 'surveys.project_id')
    .selectAll('surveys')
    .select([
      'projects.identity_secret',
      'projects.require_signed_identity',
      'projects.link_secret',
      'projects.cooldown_days as project_cooldown_days',
    ])
    .where('surveys.deleted_at', 'is', null)

type AnswerTargetRow = SurveyRow & {
  identity_secret: string
  require_signed_identity: number
  link_secret: string
  project_cooldown_days?: number
}

function targetFromRow(row: AnswerTargetRow) {
  const {
    identity_secret,
    require_signed_identity,
    link_secret,
    project_cooldown_days,
    ...survey
  } = row
  const asked = surveyFromRow(survey)
  return {
    projectId: survey.project_id,
    survey: asked,
    /** Days between two asks of one person on any channel (schema/contact-window.ts). */
    contactDays: contactWindowDays(asked, project_cooldown_days ?? DEFAULT_COOLDOWN_DAYS),
    identitySecret: identity_secret,
    linkSecret: link_secret,
    requireSignedIdentity: require_signed_identity === 1,
  }
}
export type SurveyForAnswer = ReturnType<typeof targetFromRow>

/** A live survey with what ingestion needs from its project, whichever project it is. */
export async function findSurveyForAnswer(d1: D1Database, id: string) {
  const row = await answerTargets(d1).where('surveys.id', '=', id).executeTakeFirst()
  return row && targetFromRow(row)
}

/** The live surveys of this project among these ids, by id (json_each binds one parameter). */
export async function findSurveysForAnswer(d1: D1Database, projectId: string, ids: string[]) {
  const rows = await answerTargets(d1)
    .where('surveys.project_id', '=', projectId)
    .where('surveys.id', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .execute()
  return new Map(rows.map((r) => [r.id, targetFromRow(r)]))
}
