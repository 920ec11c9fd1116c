// Queries on impressions (widget displays and dismissals) and the contact ledger read.
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
 * The latest answer (any channel), dismissal and survey-link invitation of a customer in a
 * project after `since` (a contact exactly throttleDays ago no longer counts, so the customer
 * may be asked again at nextEligibleAt itself). The guarded insert of ./invitations.ts counts
 * the same contacts.
 */
export async function lastContacts(
  d1: D1Database,
  projectId: string,
  customerId: string,
  since: string,
) {
  const db = getDb(d1)
  const [answer, dismissal, invitation] = await Promise.all([
    db
      .selectFrom('responses')
      .select((eb) => eb.fn.max('answered_at').as('at'))
      .where('project_id', '=', projectId)
      .where('customer_id', '=', customerId)
      .where('answered_at', '>', since)
      .executeTakeFirst(),
    db
      .selectFrom('impressions')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('project_id', '=', projectId)
      .where('customer_id', '=', customerId)
      .where('type', '=', 'dismissed')
      .where('created_at', '>', since)
      .executeTakeFirst(),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('project_id', '=', projectId)
      .where('customer_id', '=', customerId)
      .where('created_at', '>', since)
      .executeTakeFirst(),
  ])
  return {
    answeredAt: answer?.at ?? null,
    dismissedAt: dismissal?.at ?? null,
    invitedAt: invitation?.at ?? null,
  }
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
