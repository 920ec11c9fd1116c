// Queries on helpdesk_inbound_seen: a verified delivery is remembered by a digest of what was
// signed, so the same call replayed (by an attacker or a retrying help desk) is recognised.
import { getDb } from './client'

/** Remembers the delivery; false when it was seen before. */
export async function rememberDelivery(
  d1: D1Database,
  connectionId: string,
  digest: string,
  at: string,
) {
  const r = await getDb(d1)
    .insertInto('helpdesk_inbound_seen')
    .values({ connection_id: connectionId, digest, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .returning('digest')
    .executeTakeFirst()
  return r !== undefined
}

export async function purgeSeen(d1: D1Database, before: string) {
  const r = await getDb(d1)
    .deleteFrom('helpdesk_inbound_seen')
    .where('created_at', '<', before)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
