// Queries on api_keys: lookup by hash (auth), the key list, creation and revocation.
import type { ApiKey } from '../../schema/keys'
import type { ApiKeyRow } from './types'
import { getDb, toStatement } from './client'

export async function findApiKey(d1: D1Database, hash: string) {
  return getDb(d1)
    .selectFrom('api_keys')
    .select(['hash', 'project_id', 'kind', 'scope', 'last_used_at'])
    .where('hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export type FoundKey = NonNullable<Awaited<ReturnType<typeof findApiKey>>>

/** Records a use; the caller decides how often (TOUCH_INTERVAL_MS), so reads stay reads. */
export async function touchApiKey(d1: D1Database, hash: string, at: string) {
  await getDb(d1)
    .updateTable('api_keys')
    .set({ last_used_at: at })
    .where('hash', '=', hash)
    .execute()
}

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scope: r.kind === 'publishable' ? 'publishable' : r.scope,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
})

export async function listApiKeys(d1: D1Database, projectId: string): Promise<ApiKey[]> {
  const rows = await getDb(d1)
    .selectFrom('api_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'asc')
    .limit(1000)
    .execute()
  return rows.map(toApiKey)
}

export async function insertApiKey(d1: D1Database, row: ApiKeyRow): Promise<ApiKey> {
  await getDb(d1).insertInto('api_keys').values(row).execute()
  return toApiKey(row)
}

/** The project's live full (sk_) keys other than this one: revoking the last one would lock
 * the project out for good (only the admin token can make projects, not keys). */
export async function countOtherFullKeys(d1: D1Database, projectId: string, id: string) {
  const row = await getDb(d1)
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('kind', '=', 'secret')
    .where('scope', '=', 'full')
    .where('revoked_at', 'is', null)
    .where('id', '!=', id)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findLiveKeyById(d1: D1Database, projectId: string, id: string) {
  return getDb(d1)
    .selectFrom('api_keys')
    .select(['hash', 'kind', 'scope'])
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/** Revokes a key and ends its sessions in one transaction (D1 batch). */
export async function revokeApiKey(d1: D1Database, keyHash: string, at: string) {
  const db = getDb(d1)
  await d1.batch([
    toStatement(d1, db.updateTable('api_keys').set({ revoked_at: at }).where('hash', '=', keyHash)),
    toStatement(d1, db.deleteFrom('sessions').where('key_hash', '=', keyHash)),
  ])
}
