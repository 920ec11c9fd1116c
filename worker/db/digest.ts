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

/** A project with subscribers whose digest of `week` is not sent yet. */
export async function nextDigestProject(d1: D1Database, week: string) {
  const row = await getDb(d1)
    .selectFrom('digest_subscriptions as s')
    .select('s.project_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('digest_runs as r')
            .select('r.week')
            .whereRef('r.project_id', '=', 's.project_id')
            .where('r.week', '=', week),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst()
  return row?.project_id
}

/** Marks a project's week as sent; false when another run had (exactly once per week). */
export async function claimDigestWeek(d1: D1Database, projectId: string, week: string, at: Date) {
  const row = await getDb(d1)
    .insertInto('digest_runs')
    .values({ project_id: projectId, week, at: at.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .returning('week')
    .executeTakeFirst()
  return row !== undefined
}

export async function digestSubscribers(d1: D1Database, projectId: string) {
  const rows = await getDb(d1)
    .selectFrom('digest_subscriptions')
    .select('user_id')
    .where('project_id', '=', projectId)
    .execute()
  return rows.map((r) => r.user_id)
}

/** The newest surveys of a project (the digest covers a few). */
export async function newestSurveys(d1: D1Database, projectId: string, limit: number) {
  return getDb(d1)
    .selectFrom('surveys')
    .select(['id', 'kind', 'name'])
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}
