// Queries on projects (their keys live in worker/db/api-keys.ts).
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

/** What the dashboard shows of its project; never the secrets. */
export async function findProjectSummary(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('projects')
    .select(['id', 'name', 'require_signed_identity'])
    .where('id', '=', projectId)
    .executeTakeFirst()
}
