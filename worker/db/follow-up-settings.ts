// The closed loop's rules per project and per survey (0016_loop.sql follow_up_settings).
import { FollowUpSettings } from '../../schema/follow-up'
import { getDb } from './client'

/** '' keys the project's default; a survey's row overrides it whole. */
const PROJECT = ''

/** The rules that apply to a survey's answers: its own, else the project's, else the defaults. */
export async function settingsFor(d1: D1Database, projectId: string, surveyId?: string) {
  const rows = await getDb(d1)
    .selectFrom('follow_up_settings')
    .select(['survey_id', 'settings'])
    .where('project_id', '=', projectId)
    .where('survey_id', 'in', surveyId ? [PROJECT, surveyId] : [PROJECT])
    .execute()
  const own = rows.find((r) => r.survey_id === surveyId) ?? rows.find((r) => r.survey_id === '')
  return FollowUpSettings.parse(own ? JSON.parse(own.settings) : {})
}

/** Whether this level has rules of its own (a survey without them follows the project). */
export async function hasOwnSettings(d1: D1Database, projectId: string, surveyId?: string) {
  const row = await getDb(d1)
    .selectFrom('follow_up_settings')
    .select('survey_id')
    .where('project_id', '=', projectId)
    .where('survey_id', '=', surveyId ?? PROJECT)
    .executeTakeFirst()
  return row !== undefined
}

export async function saveSettings(
  d1: D1Database,
  projectId: string,
  surveyId: string | undefined,
  settings: FollowUpSettings,
  at: string,
) {
  const row = {
    project_id: projectId,
    survey_id: surveyId ?? PROJECT,
    settings: JSON.stringify(settings),
    updated_at: at,
  }
  await getDb(d1)
    .insertInto('follow_up_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['project_id', 'survey_id']).doUpdateSet({
        settings: row.settings,
        updated_at: at,
      }),
    )
    .execute()
}
