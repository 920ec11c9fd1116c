// Queries on projects (their keys live in worker/db/api-keys.ts).
import { DEFAULT_COOLDOWN_DAYS } from '../../schema/constants'
import type { ProjectPatch, ProjectSettings } from '../../schema/project'
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

function settingsFromRow(r: ProjectRow): ProjectSettings {
  return {
    id: r.id,
    name: r.name,
    requireSignedIdentity: r.require_signed_identity === 1,
    retentionDays: r.retention_days,
    cooldownDays: r.cooldown_days ?? DEFAULT_COOLDOWN_DAYS,
    emailReplyTo: r.email_reply_to ?? null,
    createdAt: r.created_at,
    timeZone: r.time_zone,
  }
}

export async function findProjectSettings(d1: D1Database, id: string) {
  const row = await getDb(d1)
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && settingsFromRow(row)
}

/** Changes the project's settings and returns them; one statement. */
export async function updateProject(d1: D1Database, id: string, patch: ProjectPatch) {
  const set: Partial<ProjectRow> = {}
  if (patch.name !== undefined) set.name = patch.name
  if (patch.requireSignedIdentity !== undefined)
    set.require_signed_identity = patch.requireSignedIdentity ? 1 : 0
  if (patch.retentionDays !== undefined) set.retention_days = patch.retentionDays
  if (patch.cooldownDays !== undefined) set.cooldown_days = patch.cooldownDays
  if (patch.emailReplyTo !== undefined) set.email_reply_to = patch.emailReplyTo
  if (patch.timeZone !== undefined) set.time_zone = patch.timeZone
  const row = await getDb(d1)
    .updateTable('projects')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row && settingsFromRow(row)
}
