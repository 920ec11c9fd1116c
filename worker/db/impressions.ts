// Queries on impressions (widget displays and dismissals), the dismissal side of the contact ledger.
import { getDb } from './client'
import type { ImpressionRow } from './types'

/**
 * Stores one impression; a retry (same id and type) changes nothing. Returns the stored row's
 * survey so the caller can refuse an id that belongs to another survey.
 */
export async function insertImpression(d1: D1Database, row: ImpressionRow) {
  const db = getDb(d1)
  const inserted = await db
    .insertInto('impressions')
    .values(row)
    .onConflict((oc) => oc.columns(['id', 'type']).doNothing())
    .returning(['survey_id'])
    .executeTakeFirst()
  if (inserted) return { created: true, surveyId: inserted.survey_id }
  const existing = await db
    .selectFrom('impressions')
    .select('survey_id')
    .where('id', '=', row.id)
    .where('type', '=', row.type)
    .executeTakeFirstOrThrow()
  return { created: false, surveyId: existing.survey_id }
}

/**
 * The latest dismissal of the widget by a customer in a project after `since`, for the ledger (a
 * contact exactly throttleDays ago no longer counts; the guarded insert of ./invitations.ts
 * counts the same contacts). Impressions carry a customer only when it was signed
 * (services/impressions.ts), so an unsigned dismissal is never found here.
 */
export async function lastDismissalAt(
  d1: D1Database,
  projectId: string,
  customerId: string,
  since: string,
) {
  const row = await getDb(d1)
    .selectFrom('impressions')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('project_id', '=', projectId)
    .where('customer_id', '=', customerId)
    .where('type', '=', 'dismissed')
    .where('created_at', '>', since)
    .executeTakeFirst()
  return row?.at ?? null
}

/** Deletes the impressions of these customers in a project (erasure; impressions hold no email). */
export function eraseImpressionsStatement(
  d1: D1Database,
  projectId: string,
  customerIds: string[],
) {
  return d1
    .prepare(
      'DELETE FROM impressions WHERE project_id = ? AND customer_id IN (SELECT value FROM json_each(?))',
    )
    .bind(projectId, JSON.stringify(customerIds))
}

// An impression serves the throttle (dismissals within a survey's contact window) and nothing else
// once counted, so it goes when older than the longest window of its project's surveys: the
// longer of throttleDays and the cooldown (the survey's, else the project's; schema/contact-window.ts).
const PURGE_SQL = `DELETE FROM impressions WHERE rowid IN (
  SELECT i.rowid
  FROM (SELECT s.project_id,
          max(max(s.throttle_days), max(coalesce(s.cooldown_days, p.cooldown_days))) AS days
        FROM surveys AS s JOIN projects AS p ON p.id = s.project_id
        GROUP BY s.project_id) AS m
  JOIN surveys AS s ON s.project_id = m.project_id
  JOIN impressions AS i ON i.survey_id = s.id AND i.type IN ('shown', 'dismissed')
    AND i.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || m.days || ' days')
  LIMIT ?)`

/** Deletes at most `limit` impressions past their project's longest contact window; says how many. */
export async function purgeOldImpressions(d1: D1Database, now: string, limit: number) {
  const result = await d1.prepare(PURGE_SQL).bind(now, limit).run()
  return result.meta.changes ?? 0
}

export async function countImpressions(
  d1: D1Database,
  surveyId: string,
  type: ImpressionRow['type'],
) {
  const row = await getDb(d1)
    .selectFrom('impressions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .where('type', '=', type)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
