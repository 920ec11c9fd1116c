// Who gets the weekly digest (0016_loop.sql digest_subscriptions).
import { getDb } from './client'

export async function setDigestSubscription(
  d1: D1Database,
  projectId: string,
  userId: string,
  subscribed: boolean,
  now: Date,
) {
  const db = getDb(d1)
  if (subscribed)
    await db
      .insertInto('digest_subscriptions')
      .values({ project_id: projectId, user_id: userId, created_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute()
  else
    await db
      .deleteFrom('digest_subscriptions')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute()
}
