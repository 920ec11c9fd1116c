// Queries on helpdesk_connections. Manager reads and writes name the project; the inbound route
// and the queue consumer look a connection up by id alone (the id is all they are given).
import type { Connection, ConnectionRules } from '../../schema/connection'
import { getDb } from './client'
import type { HelpdeskConnectionRow } from './types'

export const inboundUrlOf = (r: Pick<HelpdeskConnectionRow, 'id' | 'origin'>) =>
  `${r.origin}/v1/inbound/${r.id}`

/** The stored rules (a JSON column), parsed here only. */
export const rulesOf = (r: Pick<HelpdeskConnectionRow, 'rules'>): ConnectionRules =>
  JSON.parse(r.rules)

export function connectionFromRow(r: HelpdeskConnectionRow): Connection {
  const rules = rulesOf(r)
  return {
    id: r.id,
    kind: r.kind,
    surveyId: r.survey_id,
    baseUrl: r.base_url,
    rules,
    inboundUrl: inboundUrlOf(r),
    verified: r.inbound_secret_sealed !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export async function insertConnection(d1: D1Database, row: HelpdeskConnectionRow) {
  await getDb(d1).insertInto('helpdesk_connections').values(row).execute()
}

export async function countConnections(d1: D1Database, projectId: string) {
  const r = await getDb(d1)
    .selectFrom('helpdesk_connections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function findConnection(d1: D1Database, projectId: string, id: string) {
  return getDb(d1)
    .selectFrom('helpdesk_connections')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
}

/** By id alone: for the inbound route and the consumer, never for a manager's request. */
export async function findConnectionById(d1: D1Database, id: string) {
  return getDb(d1)
    .selectFrom('helpdesk_connections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function listConnections(d1: D1Database, projectId: string, limit: number) {
  return getDb(d1)
    .selectFrom('helpdesk_connections')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export type ConnectionChanges = Partial<
  Pick<
    HelpdeskConnectionRow,
    | 'survey_id'
    | 'base_url'
    | 'credentials_sealed'
    | 'inbound_secret_sealed'
    | 'rules'
    | 'access_token_sealed'
    | 'access_token_expires_at'
  >
>

export async function updateConnection(
  d1: D1Database,
  projectId: string,
  id: string,
  changes: ConnectionChanges,
  at: string,
) {
  return getDb(d1)
    .updateTable('helpdesk_connections')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .returningAll()
    .executeTakeFirst()
}

/** Help Scout's token cache: written by the consumer, which knows the row by id. */
export async function cacheAccessToken(
  d1: D1Database,
  id: string,
  sealed: string | null,
  expiresAt: string | null,
) {
  await getDb(d1)
    .updateTable('helpdesk_connections')
    .set({ access_token_sealed: sealed, access_token_expires_at: expiresAt })
    .where('id', '=', id)
    .execute()
}

/** Deletes the connection; its jobs, seen calls and events go with it (ON DELETE CASCADE). */
export async function deleteConnection(d1: D1Database, projectId: string, id: string) {
  const r = await getDb(d1)
    .deleteFrom('helpdesk_connections')
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
