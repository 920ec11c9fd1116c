// Queries on users and memberships (0013_members.sql, 0015_accounts.sql): control database.
import type { Role } from '../../schema/roles'
import { getDb } from './client'
import type { MembershipRow, UserRow } from './types'

export async function findUserByEmail(d1: D1Database, email: string) {
  return getDb(d1).selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
}

export async function findUser(d1: D1Database, id: string) {
  return getDb(d1).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertUser(d1: D1Database, row: UserRow) {
  await getDb(d1).insertInto('users').values(row).execute()
}

export async function setPasswordHash(d1: D1Database, userId: string, hash: string) {
  await getDb(d1)
    .updateTable('users')
    .set({ password_hash: hash })
    .where('id', '=', userId)
    .execute()
}

/** One person's role in one project; nothing when they are not a member. */
export async function findMembership(d1: D1Database, projectId: string, userId: string) {
  return getDb(d1)
    .selectFrom('memberships')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** A person's projects, oldest membership first (the default project is the first). */
export async function listMembershipsOfUser(d1: D1Database, userId: string) {
  return getDb(d1)
    .selectFrom('memberships as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['p.id', 'p.name', 'm.role', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('p.id')
    .limit(1000)
    .execute()
}

export async function listMembers(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.limits', 'm.created_at'])
    .where('m.project_id', '=', projectId)
    .orderBy('m.created_at')
    .limit(1000)
    .execute()
}

export async function countOwners(d1: D1Database, projectId: string) {
  const r = await getDb(d1)
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export const insertMembershipQuery = (d1: D1Database, row: MembershipRow) =>
  getDb(d1)
    .insertInto('memberships')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['project_id', 'user_id']).doUpdateSet({ role: row.role, limits: row.limits }),
    )

export async function updateMembership(
  d1: D1Database,
  projectId: string,
  userId: string,
  set: { role?: Role; limits?: string | null },
) {
  await getDb(d1)
    .updateTable('memberships')
    .set(set)
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .execute()
}

/**
 * Removes a membership unless it is the project's last owner's: one statement, so two owners
 * removing each other at once cannot leave the project without one. Returns rows deleted.
 */
export async function deleteMembershipKeepingAnOwner(
  d1: D1Database,
  projectId: string,
  userId: string,
) {
  const r = await d1
    .prepare(
      `DELETE FROM memberships WHERE project_id = ?1 AND user_id = ?2
       AND (role != 'owner' OR (SELECT count(*) FROM memberships
            WHERE project_id = ?1 AND role = 'owner') > 1)`,
    )
    .bind(projectId, userId)
    .run()
  return r.meta.changes
}

/** Changes a role unless that demotes the last owner (one statement, as above). */
export async function setRoleKeepingAnOwner(
  d1: D1Database,
  projectId: string,
  userId: string,
  role: Role,
) {
  const r = await d1
    .prepare(
      `UPDATE memberships SET role = ?3 WHERE project_id = ?1 AND user_id = ?2
       AND (role != 'owner' OR ?3 = 'owner' OR (SELECT count(*) FROM memberships
            WHERE project_id = ?1 AND role = 'owner') > 1)`,
    )
    .bind(projectId, userId, role)
    .run()
  return r.meta.changes
}
