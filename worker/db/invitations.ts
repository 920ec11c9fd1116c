// Queries on invitations (survey links for support tools), schema/migrations/0004_invitations.sql.
import { getDb } from './client'
import type { InvitationRow } from './types'

export async function insertInvitation(d1: D1Database, row: InvitationRow) {
  await getDb(d1).insertInto('invitations').values(row).execute()
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

/** Deletes a customer's invitations in a project (erasure). */
export function eraseInvitationsStatement(d1: D1Database, projectId: string, customerId: string) {
  return d1
    .prepare('DELETE FROM invitations WHERE project_id = ? AND customer_id = ?')
    .bind(projectId, customerId)
}

/** Purges invitations that expired before `before` (for a scheduled clean-up). */
export async function deleteExpiredInvitations(d1: D1Database, before: string) {
  const result = await getDb(d1)
    .deleteFrom('invitations')
    .where('expires_at', '<', before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
