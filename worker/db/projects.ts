// Queries on projects and their API keys.
import type { ApiKeyRow, ProjectRow } from './types'
import { getDb, toStatement } from './client'

/** Creates a project and its keys in one D1 batch (atomic). */
export async function insertProject(d1: D1Database, project: ProjectRow, keys: ApiKeyRow[]) {
  const db = getDb(d1)
  await d1.batch([
    toStatement(d1, db.insertInto('projects').values(project)),
    ...keys.map((k) => toStatement(d1, db.insertInto('api_keys').values(k))),
  ])
}

export async function findApiKey(d1: D1Database, hash: string) {
  return getDb(d1)
    .selectFrom('api_keys')
    .select(['project_id', 'kind'])
    .where('hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}
