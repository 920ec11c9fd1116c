// Queries on event rules (0019_email_triggers.sql); their window JSON is parsed here only.
import { SendWindow } from '../../schema/send-window'
import type { EmailRule, EmailRulePatch } from '../../schema/email-triggers'
import { getDb } from './client'
import type { EmailRuleRow } from './types'

export const ruleFromRow = (r: EmailRuleRow): EmailRule => ({
  id: r.id,
  eventType: r.event_type,
  surveyId: r.survey_id,
  delayMinutes: r.delay_minutes,
  window: SendWindow.parse(JSON.parse(r.window)),
  reminderAfterDays: r.reminder_after_days,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** Stores the rule unless the project holds `max` rules already (one statement); says which. */
export async function insertRuleUnderLimit(d1: D1Database, row: EmailRuleRow, max: number) {
  const cols = Object.keys(row) as (keyof EmailRuleRow)[]
  const { results } = await d1
    .prepare(
      `INSERT INTO email_rules (${cols.join(', ')})
       SELECT ${cols.map(() => '?').join(', ')}
       WHERE (SELECT count(*) FROM email_rules WHERE project_id = ?) < ?
       RETURNING id`,
    )
    .bind(...cols.map((c) => row[c]), row.project_id, max)
    .all<{ id: string }>()
  return results.length === 1
}

export async function listRules(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('email_rules')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute()
}

export async function findRule(d1: D1Database, projectId: string, id: string) {
  return getDb(d1)
    .selectFrom('email_rules')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The rules an event of this type matches (index email_rules_project_event). */
export async function rulesForEvent(d1: D1Database, projectId: string, type: string, max: number) {
  return getDb(d1)
    .selectFrom('email_rules')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('event_type', '=', type)
    .orderBy('created_at')
    .limit(max)
    .execute()
}

export async function updateRule(
  d1: D1Database,
  projectId: string,
  id: string,
  patch: EmailRulePatch,
  at: string,
) {
  const set: Partial<EmailRuleRow> = { updated_at: at }
  if (patch.eventType !== undefined) set.event_type = patch.eventType
  if (patch.surveyId !== undefined) set.survey_id = patch.surveyId
  if (patch.delayMinutes !== undefined) set.delay_minutes = patch.delayMinutes
  if (patch.window !== undefined) set.window = JSON.stringify(patch.window)
  if (patch.reminderAfterDays !== undefined) set.reminder_after_days = patch.reminderAfterDays
  return getDb(d1)
    .updateTable('email_rules')
    .set(set)
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteRule(d1: D1Database, projectId: string, id: string) {
  const r = await getDb(d1)
    .deleteFrom('email_rules')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** The project's fallback time zone and its link secret (the key of email hashes). */
export async function findProjectEmailSettings(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('projects')
    .select(['time_zone', 'link_secret'])
    .where('id', '=', projectId)
    .executeTakeFirst()
}

/** The stored time of a send (a retried event answers the first send's time). */
export async function sendScheduledFor(d1: D1Database, projectId: string, id: string) {
  const row = await getDb(d1)
    .selectFrom('email_sends')
    .select('scheduled_for')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.scheduled_for
}
