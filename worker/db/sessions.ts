// Queries on sessions: the dashboard's sign-in, made from an API key (hash of the cookie only).
import type { SessionRow } from './types'
import { getDb } from './client'

export async function insertSession(d1: D1Database, row: SessionRow) {
  await getDb(d1).insertInto('sessions').values(row).execute()
}

/** A session with its key's project and scope; nothing when the key was revoked meanwhile. */
export async function findSession(d1: D1Database, hash: string) {
  return getDb(d1)
    .selectFrom('sessions as s')
    .innerJoin('api_keys as k', 'k.hash', 's.key_hash')
    .select(['s.hash', 's.project_id', 's.expires_at', 'k.scope', 'k.kind'])
    .where('s.hash', '=', hash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst()
}

export async function extendSession(d1: D1Database, hash: string, expiresAt: string) {
  await getDb(d1)
    .updateTable('sessions')
    .set({ expires_at: expiresAt })
    .where('hash', '=', hash)
    .execute()
}

export async function deleteSession(d1: D1Database, hash: string) {
  await getDb(d1).deleteFrom('sessions').where('hash', '=', hash).execute()
}

export async function deleteExpiredSessions(d1: D1Database, now: string) {
  const r = await getDb(d1).deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(r.numDeletedRows)
}
