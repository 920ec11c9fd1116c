// Queries on invitations (survey links for support tools), schema/migrations/0004_invitations.sql.
import type { Properties } from '../../schema/fields'
import { getDb } from './client'
import type { ErasureTarget } from './responses'
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
  'channel',
] as const satisfies readonly (keyof InvitationRow)[]

// The check and the insert are one statement: D1 has no transactions, but it runs each statement
// alone, so of concurrent calls for one customer exactly one finds no contact and inserts.
// ?2 is the project, ?6 the customer, ?13 the start of the throttle window, exclusive (NULL: no check),
// ?14 the normalised address when a person known by email alone is checked too (the email
// channel's cooldown, worker/email/send.ts; NULL: not by address).
// A contact is what the ledger of services/eligibility.ts counts: an invitation, an answer on
// any channel whose customer was proven, or a signed dismissal of the widget. Keep the two in step.
const GUARDED_INSERT = `INSERT INTO invitations (${COLUMNS.join(', ')})
SELECT ${COLUMNS.map((_, i) => `?${i + 1}`).join(', ')}
WHERE ?13 IS NULL OR NOT (
  (?6 IS NOT NULL AND (
    EXISTS (SELECT 1 FROM invitations
      WHERE project_id = ?2 AND customer_id = ?6 AND created_at > ?13)
    OR EXISTS (SELECT 1 FROM responses
      WHERE project_id = ?2 AND customer_id = ?6 AND customer_verified = 1 AND answered_at > ?13)
    OR EXISTS (SELECT 1 FROM impressions
      WHERE project_id = ?2 AND customer_id = ?6 AND type = 'dismissed' AND created_at > ?13)))
  OR (?14 IS NOT NULL AND EXISTS (SELECT 1 FROM invitations
      WHERE project_id = ?2 AND lower(email) = ?14 AND email IS NOT NULL AND created_at > ?13)))
RETURNING id`

/**
 * Stores the invitation unless its customer (or, with `byEmail`, its normalised address) was
 * contacted after `since` (null: store it anyway). Says whether it was stored; `meta` carries D1's rows read and written.
 */
export async function insertInvitationUnlessContacted(
  d1: D1Database,
  row: InvitationRow,
  since: string | null,
  byEmail: string | null = null,
) {
  const result = await d1
    .prepare(GUARDED_INSERT)
    .bind(...COLUMNS.map((c) => row[c]), since, byEmail)
    .all<{ id: string }>()
  return { inserted: result.results.length === 1, meta: result.meta }
}

/** The latest survey-link invitation of a customer in a project after `since`, for the ledger. */
export async function lastInvitationAt(
  d1: D1Database,
  projectId: string,
  customerId: string,
  since: string,
) {
  const row = await getDb(d1)
    .selectFrom('invitations')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('project_id', '=', projectId)
    .where('customer_id', '=', customerId)
    .where('created_at', '>', since)
    .executeTakeFirst()
  return row?.at ?? null
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

/** The stored properties (a JSON column; the link token signs its text), parsed here only. */
export const propertiesOf = (r: Pick<InvitationRow, 'properties'>): Properties =>
  JSON.parse(r.properties)

/** Deletes the target's invitations in a project (erasure): by customer id, or by email and ids. */
export function eraseInvitationsStatement(d1: D1Database, projectId: string, who: ErasureTarget) {
  if ('customerId' in who) {
    return d1
      .prepare('DELETE FROM invitations WHERE project_id = ? AND customer_id = ?')
      .bind(projectId, who.customerId)
  }
  return d1
    .prepare(
      `DELETE FROM invitations WHERE project_id = ?
        AND ((email IS NOT NULL AND lower(email) = lower(?))
          OR customer_id IN (SELECT value FROM json_each(?)))`,
    )
    .bind(projectId, who.email, JSON.stringify(who.customerIds))
}

/** The customer ids invited with this email address (any case) in the project. */
export async function customerIdsOfInvitedEmail(d1: D1Database, projectId: string, email: string) {
  const { results } = await d1
    .prepare(
      `SELECT DISTINCT customer_id AS id FROM invitations
       WHERE project_id = ? AND lower(email) = lower(?) AND email IS NOT NULL
         AND customer_id IS NOT NULL`,
    )
    .bind(projectId, email)
    .all<{ id: string }>()
  return results.map((r) => r.id)
}

// Retention covers invitations too. A link's MAC covers the invitation's claims (customer, email,
// properties), so they cannot be cleared while the link may still be used: an invitation goes
// once it is both expired and older than its project's retentionDays, not 90 days later.
const PAST_RETENTION_SQL = `DELETE FROM invitations WHERE rowid IN (
  SELECT i.rowid FROM projects AS p
  JOIN invitations AS i ON i.project_id = p.id AND i.expires_at < ?
    AND i.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || p.retention_days || ' days')
  WHERE p.retention_days IS NOT NULL
  LIMIT ?)`

/** Deletes at most `limit` expired invitations older than their project's retention. */
export async function deleteInvitationsPastRetention(d1: D1Database, now: string, limit: number) {
  const result = await d1.prepare(PAST_RETENTION_SQL).bind(now, now, limit).run()
  return result.meta.changes ?? 0
}

/** Purges at most `limit` invitations that expired before `before`; says how many. */
export async function deleteExpiredInvitations(d1: D1Database, before: string, limit: number) {
  const result = await d1
    .prepare(
      'DELETE FROM invitations WHERE rowid IN (SELECT rowid FROM invitations WHERE expires_at < ? LIMIT ?)',
    )
    .bind(before, limit)
    .run()
  return result.meta.changes ?? 0
}
