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
