// Queries of the schedulers on the email channel's schedule (email_sends, 0014) beside those of
// worker/db/email-sends.ts: many sends in one statement, and the counts the dashboard plots.
import type { EmailSendRow } from './types'

const SEND_COLUMNS = [
  'id',
  'project_id',
  'survey_id',
  'source',
  'kind',
  'dedupe_key',
  'email',
  'email_hash',
  'customer_id',
  'ref',
  'locale',
  'time_zone',
  'state',
  'reason',
  'scheduled_for',
  'sent_at',
  'reminder_after_days',
  'invitation_id',
  'created_at',
] as const satisfies readonly (keyof EmailSendRow)[]

/** The statement that stores sends unless their (project, dedupe key, kind) exists. */
export function insertSendsStatement(d1: D1Database, rows: EmailSendRow[]) {
  return d1
    .prepare(
      `INSERT INTO email_sends (${SEND_COLUMNS.join(', ')})
       SELECT ${SEND_COLUMNS.map((c) => `json_extract(j.value, '$.${c}')`).join(', ')}
       FROM json_each(?1) AS j WHERE true
       ON CONFLICT (project_id, dedupe_key, kind) DO NOTHING
       RETURNING id`,
    )
    .bind(JSON.stringify(rows))
}

/** Stores sends exactly once per key in one statement; returns the ids it created. */
export async function insertSendsOnce(d1: D1Database, rows: EmailSendRow[]) {
  const { results } = await insertSendsStatement(d1, rows).all<{ id: string }>()
  return results.map((r) => r.id)
}

/** Asked and answered per channel over the project's surveys (rollup_days: buckets, not rows). */
export async function reachByChannel(d1: D1Database, projectId: string, from: string, to: string) {
  const { results } = await d1
    .prepare(
      `SELECT r.channel AS channel, sum(r.asked) AS sent, sum(r.total) AS answered
       FROM rollup_days AS r JOIN surveys AS s ON s.id = r.survey_id
       WHERE s.project_id = ?1 AND r.day BETWEEN ?2 AND ?3
       GROUP BY r.channel ORDER BY r.channel`,
    )
    .bind(projectId, from, to)
    .all<{ channel: string; sent: number; answered: number }>()
  return results
}

/**
 * Survey emails sent and answered in the window, and of the answered ones those whose reminder
 * went out first (a reminder is only sent to who has not answered; index email_sends_project_state).
 */
export async function emailSendCounts(
  d1: D1Database,
  projectId: string,
  fromIso: string,
  beforeIso: string,
) {
  return (await d1
    .prepare(
      `SELECT
         sum(s.kind = 'survey') AS sent,
         sum(s.kind = 'survey' AND s.state = 'answered') AS answered,
         sum(s.kind = 'reminder') AS reminders,
         sum(s.kind = 'survey' AND s.state = 'answered' AND EXISTS (
           SELECT 1 FROM email_sends AS r WHERE r.project_id = s.project_id
             AND r.dedupe_key = s.dedupe_key AND r.kind = 'reminder'
             AND r.state IN ('sent', 'answered'))) AS after_reminder
       FROM email_sends AS s
       WHERE s.project_id = ?1 AND s.state IN ('sent', 'answered')
         AND s.scheduled_for >= ?2 AND s.scheduled_for < ?3`,
    )
    .bind(projectId, fromIso, beforeIso)
    .first<{
      sent: number | null
      answered: number | null
      reminders: number | null
      after_reminder: number | null
    }>())!
}

/** Scheduled sends per UTC day in [fromIso, beforeIso) (index email_sends_project_state). */
export async function scheduledPerDay(
  d1: D1Database,
  projectId: string,
  fromIso: string,
  beforeIso: string,
) {
  const { results } = await d1
    .prepare(
      `SELECT substr(scheduled_for, 1, 10) AS day, count(*) AS scheduled FROM email_sends
       WHERE project_id = ?1 AND state = 'scheduled' AND scheduled_for >= ?2 AND scheduled_for < ?3
       GROUP BY 1 ORDER BY 1`,
    )
    .bind(projectId, fromIso, beforeIso)
    .all<{ day: string; scheduled: number }>()
  return results
}
