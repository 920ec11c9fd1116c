// The audit log's rows (0016_loop.sql audit_log).
import type { AuditDetail, AuditEntry, AuditQuery } from '../../schema/audit'
import { paginate, type CursorKey } from '../lib/cursor'
import { getDb } from './client'
import type { AuditRow } from './types'

export const auditFromRow = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditDetail),
})

export async function insertAudit(d1: D1Database, row: AuditRow) {
  await getDb(d1).insertInto('audit_log').values(row).execute()
}

/** One page of a project's entries, newest first. */
export async function listAudit(
  d1: D1Database,
  projectId: string,
  f: Omit<AuditQuery, 'cursor' | 'limit'>,
  page: { after?: CursorKey; limit: number },
) {
  let q = getDb(d1).selectFrom('audit_log').selectAll().where('project_id', '=', projectId)
  if (f.actor) q = q.where('actor', '=', f.actor)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString())
  if (f.to) q = q.where('at', '<', new Date(f.to).toISOString())
  const after = page.after
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('at', '<', after.createdAt),
        eb.and([eb('at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    )
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const p = paginate(rows, page.limit, (r) => ({ createdAt: r.at, id: r.id }))
  return { rows: p.rows.map(auditFromRow), nextCursor: p.nextCursor }
}
