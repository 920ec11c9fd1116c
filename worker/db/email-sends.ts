// Queries on the email channel's schedule, schema/migrations/0014_email_sends.sql.
import { getDb } from './client'
import type { EmailSendRow } from './types'

/**
 * Stores a scheduled send unless one with its (project, dedupe key, kind) exists, in one
 * statement, and returns the id of the send that holds the key: the new one or the earlier one.
 */
export async function insertSendOnce(d1: D1Database, row: EmailSendRow) {
  const db = getDb(d1)
  const inserted = await db
    .insertInto('email_sends')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'dedupe_key', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { id: inserted.id, created: true }
  const existing = await db
    .selectFrom('email_sends')
    .select('id')
    .where('project_id', '=', row.project_id)
    .where('dedupe_key', '=', row.dedupe_key)
    .where('kind', '=', row.kind)
    .executeTakeFirstOrThrow()
  return { id: existing.id, created: false }
}

/** The project's link secret when the survey is live in it (the email hash's key), else undefined. */
export async function findSendTarget(d1: D1Database, projectId: string, surveyId: string) {
  return getDb(d1)
    .selectFrom('surveys')
    .innerJoin('projects', 'projects.id', 'surveys.project_id')
    .select(['surveys.id', 'projects.link_secret'])
    .where('surveys.project_id', '=', projectId)
    .where('surveys.id', '=', surveyId)
    .where('surveys.deleted_at', 'is', null)
    .executeTakeFirst()
}
