// Queries on invitations (survey links for support tools), schema/migrations/0004_invitations.sql.
import { getDb } from './client'
import type { InvitationRow } from './types'

const COLUMNS = [
  'id',
  'project_id',
  'survey_id',
  'touchpoint',
  'ref',
  'customer_id',
  'email',
  'properties',
  'locale',
  'expires_at',
  'created_at',
] as const satisfies readonly (keyof InvitationRow)[]

// The check and the insert are one statement: D1 has no transactions, but it runs each statement
// alone, so of concurrent calls for one customer exactly one finds no contact and inserts.
// ?2 is the project, ?6 the customer, ?12 the start of the throttle window, exclusive (NULL: no check).
// A contact is what the ledger of lastContacts (./impressions.ts) counts: an invitation, an
// answer on any channel, or a dismissal of the widget. Keep the two in step.
const GUARDED_INSERT = `INSERT INTO invitations (${COLUMNS.join(', ')})
SELECT ${COLUMNS.map((_, i) => `?${i + 1}`).join(', ')}
WHERE ?12 IS NULL OR ?6 IS NULL OR NOT (
  EXISTS (SELECT 1 FROM invitations
    WHERE project_id = ?2 AND customer_id = ?6 AND created_at > ?12)
  OR EXISTS (SELECT 1 FROM responses
    WHERE project_id = ?2 AND customer_id = ?6 AND answered_at > ?12)
  OR EXISTS (SELECT 1 FROM impressions
    WHERE project_id = ?2 AND customer_id = ?6 AND type = 'dismissed' AND created_at > ?12))
RETURNING id`

/**
 * Stores the invitation unless its customer was contacted after `since` (null: store it
 * anyway). Says whether it was stored; `meta` carries D1's rows read and written.
 */
export async function insertInvitationUnlessContacted(
  d1: D1Database,
  row: InvitationRow,
  since: string | null,
) {
  const result = await d1
    .prepare(GUARDED_INSERT)
    .bind(...COLUMNS.map((c) => row[c]), since)
    .all<{ id: string }>()
  return { inserted: result.results.length === 1, meta: result.meta }
}

/** An invitation with the secret that signed its token (its project's link secret). */
export async function findInvitation(d1: D1Database, id: string) {
  return getDb(d1)
    .selectFrom('invitations')
    .innerJoin('projects', 'projects.id', 'invitations.project_id')
    .selectAll('invitations')
    .select('projects.link_secret')
    .where('invitations.id', '=', id)
    .executeTakeFirst()
}
export type FoundInvitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>

/** The answer already given through an invitation, to show it again when the link is reopened. */
export async function findLinkAnswer(d1: D1Database, surveyId: string, answerId: string) {
  return getDb(d1)
    .selectFrom('responses')
    .select(['score', 'reason', 'contact_consent'])
    .where('id', '=', answerId)
    .where('survey_id', '=', surveyId)
    .executeTakeFirst()
}

/** Purges invitations that expired before `before` (for a scheduled clean-up). */
export async function deleteExpiredInvitations(d1: D1Database, before: string) {
  const result = await getDb(d1)
    .deleteFrom('invitations')
    .where('expires_at', '<', before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
