// Queries on oidc_providers (0020_oidc.sql): a project's OpenID Connect provider, control database.
import { getDb } from './client'
import type { OidcProviderRow } from './types'

export async function findOidcProvider(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('oidc_providers')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst()
}

/** Creates or replaces the project's provider (one per project). */
export async function upsertOidcProvider(d1: D1Database, row: OidcProviderRow) {
  await getDb(d1)
    .insertInto('oidc_providers')
    .values(row)
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({
        issuer: row.issuer,
        client_id: row.client_id,
        client_secret_sealed: row.client_secret_sealed,
        display_name: row.display_name,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

/** Rows deleted (0: none was configured). */
export async function deleteOidcProvider(d1: D1Database, projectId: string) {
  const r = await getDb(d1)
    .deleteFrom('oidc_providers')
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
