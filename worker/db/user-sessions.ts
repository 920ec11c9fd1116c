// Queries on user_sessions (0015_accounts.sql): a person's signed-in browsers.
import { getDb } from './client'
import type { UserSessionRow } from './types'

export async function insertUserSession(d1: D1Database, row: UserSessionRow) {
  await getDb(d1).insertInto('user_sessions').values(row).execute()
}

export async function findUserSession(d1: D1Database, hash: string) {
  return getDb(d1)
    .selectFrom('user_sessions')
    .selectAll()
    .where('hash', '=', hash)
    .executeTakeFirst()
}

export async function touchUserSession(
  d1: D1Database,
  hash: string,
  at: string,
  expiresAt: string,
) {
  await getDb(d1)
    .updateTable('user_sessions')
    .set({ last_used_at: at, expires_at: expiresAt })
    .where('hash', '=', hash)
    .execute()
}

export async function listUserSessions(d1: D1Database, userId: string, now: string) {
  return getDb(d1)
    .selectFrom('user_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .limit(1000)
    .execute()
}

/** Ends one of a person's sessions by its public id; rows deleted (0: not theirs or gone). */
export async function deleteUserSessionById(d1: D1Database, userId: string, id: string) {
  const r = await getDb(d1)
    .deleteFrom('user_sessions')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

export const deleteUserSessionsQuery = (d1: D1Database, userId: string) =>
  getDb(d1).deleteFrom('user_sessions').where('user_id', '=', userId)

export async function deleteExpiredUserSessions(d1: D1Database, now: string) {
  const r = await getDb(d1)
    .deleteFrom('user_sessions')
    .where('expires_at', '<=', now)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
