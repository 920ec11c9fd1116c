// Queries on the suppression list (schema/migrations/0017_email_pipe.sql): hashes only.
import type { SuppressionReason } from '../../schema/email-sends'
import { paginate, type CursorKey } from '../lib/cursor'
import { getDb } from './client'

/** The reason an address is suppressed in this project, or undefined. */
export async function suppressionOf(d1: D1Database, projectId: string, emailHash: string) {
  const row = await d1
    .prepare('SELECT reason FROM suppressions WHERE project_id = ? AND email_hash = ?')
    .bind(projectId, emailHash)
    .first<{ reason: SuppressionReason }>()
  return row?.reason
}

/**
 * Suppresses these hashes (an earlier entry keeps its reason) and ends their pending sends, in
 * one batch; says how many entries and sends were new. json_each binds the list as one parameter.
 */
export async function suppress(
  d1: D1Database,
  projectId: string,
  hashes: readonly string[],
  reason: SuppressionReason,
  at: string,
) {
  const list = JSON.stringify(hashes)
  const cancelled = reason === 'unsubscribed' ? 'cancelled' : 'suppressed'
  const [added, ended] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO suppressions (project_id, email_hash, reason, created_at)
         SELECT ?1, value, ?2, ?3 FROM json_each(?4) WHERE true
         ON CONFLICT (project_id, email_hash) DO NOTHING`,
      )
      .bind(projectId, reason, at, list),
    d1
      .prepare(
        `UPDATE email_sends SET state = ?1, reason = ?2, lease_token = NULL
         WHERE project_id = ?3 AND state = 'scheduled'
           AND email_hash IN (SELECT value FROM json_each(?4))`,
      )
      .bind(cancelled, reason, projectId, list),
  ])
  return { added: added!.meta.changes ?? 0, cancelledSends: ended!.meta.changes ?? 0 }
}

/** The list, newest first, keyset-paginated by (created_at, email_hash). */
export async function listSuppressions(
  d1: D1Database,
  projectId: string,
  opts: { limit: number; after?: CursorKey },
) {
  let q = getDb(d1)
    .selectFrom('suppressions')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('email_hash', 'desc')
    .limit(opts.limit + 1)
  const after = opts.after
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('email_hash', '<', after.id)]),
      ]),
    )
  const rows = await q.execute()
  return paginate(rows, opts.limit, (r) => ({ createdAt: r.created_at, id: r.email_hash }))
}
