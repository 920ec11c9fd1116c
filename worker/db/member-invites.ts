// Queries on member_invites (0015_accounts.sql): invitations to a project.
import { getDb } from './client'
import type { MemberInviteRow } from './types'

export async function insertMemberInvite(d1: D1Database, row: MemberInviteRow) {
  await getDb(d1).insertInto('member_invites').values(row).execute()
}

/** A live invitation (unused, unrevoked, unexpired) with its project's name. */
export async function findLiveInvite(d1: D1Database, hash: string, now: string) {
  return getDb(d1)
    .selectFrom('member_invites as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .selectAll('i')
    .select('p.name as project_name')
    .where('i.hash', '=', hash)
    .where('i.used_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now)
    .executeTakeFirst()
}

/** Marks a live invitation used: the statement that makes it single use (checked by changes). */
export const consumeInviteQuery = (d1: D1Database, id: string, now: string) =>
  getDb(d1)
    .updateTable('member_invites')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)

export async function listLiveInvites(d1: D1Database, projectId: string, now: string) {
  return getDb(d1)
    .selectFrom('member_invites')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .limit(1000)
    .execute()
}

export async function revokeInvite(d1: D1Database, projectId: string, id: string, now: string) {
  const r = await getDb(d1)
    .updateTable('member_invites')
    .set({ revoked_at: now })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** The newest live invitation of an address to a project (single sign-on proves the address). */
export async function findLiveInviteFor(
  d1: D1Database,
  projectId: string,
  email: string,
  now: string,
) {
  return getDb(d1)
    .selectFrom('member_invites')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}
