// What the closed loop reads of people (users, memberships: control database, 0013_members.sql):
// who may own a follow-up, who is told when one is overdue, and who an agent's address is.
import type { Role } from '../../schema/roles'
import { getDb } from './client'

/** Roles that may own a follow-up: everyone who may write (viewers only read). */
export const OWNER_ROLES: readonly Role[] = ['owner', 'admin', 'member']
export const ADMIN_ROLES: readonly Role[] = ['owner', 'admin']

/** A project's people of some roles, with their addresses, in a stable order. */
export async function membersWithRoles(
  control: D1Database,
  projectId: string,
  roles: readonly Role[],
) {
  return getDb(control)
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.project_id', '=', projectId)
    .where('m.role', 'in', [...roles])
    .select(['u.id', 'u.email', 'u.name', 'm.role'])
    .orderBy('m.created_at')
    .orderBy('u.id')
    .limit(500)
    .execute()
}

/** One person of the project (any role), or undefined. */
export async function findMember(control: D1Database, projectId: string, userId: string) {
  return getDb(control)
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.project_id', '=', projectId)
    .where('m.user_id', '=', userId)
    .select(['u.id', 'u.email', 'u.name', 'm.role'])
    .executeTakeFirst()
}
