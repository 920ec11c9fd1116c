// Answers by customer: at-risk customers, one customer's answers, the contact ledger's answer side.
import { sql } from 'kysely'
import { NEGATIVE_CATEGORIES } from '../../../schema/constants'
import type { Response } from '../../../schema/response'
import { getDb } from '../client'
import type { ResponseRow } from '../types'
import { responseFromRow } from './read'

const NEGATIVE = sql.join(NEGATIVE_CATEGORIES.map((c) => sql.lit(c)))

export interface AtRiskFilter {
  surveyId?: string
  since: string
  min: number
  limit: number
}

/**
 * Customers with at least `min` negative answers since `since`, most negative first, each with
 * their latest answer. One statement over the (project, customer, answered_at) index.
 */
export async function findAtRisk(d1: D1Database, projectId: string, f: AtRiskFilter) {
  const survey = f.surveyId === undefined ? sql`` : sql`AND survey_id = ${f.surveyId}`
  const { rows } = await sql<ResponseRow & { negative: number; total: number }>`
    SELECT * FROM (
      SELECT r.*,
        sum(r.category IN (${NEGATIVE})) OVER customer AS negative,
        count(*) OVER customer AS total,
        row_number() OVER (PARTITION BY r.customer_id ORDER BY r.answered_at DESC, r.id DESC) AS position
      FROM responses AS r
      WHERE r.project_id = ${projectId} AND r.customer_id IS NOT NULL AND r.is_test = 0
        AND r.answered_at >= ${f.since} ${survey}
      WINDOW customer AS (PARTITION BY r.customer_id)
    )
    WHERE position = 1 AND negative >= ${f.min}
    ORDER BY negative DESC, answered_at DESC, customer_id
    LIMIT ${f.limit}`.execute(getDb(d1))
  return rows.map(({ negative, total, ...row }) => ({
    customerId: row.customer_id as string,
    negative,
    total,
    lastAnswer: responseFromRow(row as ResponseRow),
  }))
}

/** A customer's answers across the project's surveys, newest first (test answers included, flagged). */
export async function findCustomerAnswers(
  d1: D1Database,
  projectId: string,
  customerId: string,
  limit = 1000,
) {
  const rows = await getDb(d1)
    .selectFrom('responses')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('customer_id', '=', customerId)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => responseFromRow(r as ResponseRow)) satisfies Response[]
}

/**
 * The latest answer (any channel) of a customer in a project after `since`, for the ledger. Only
 * answers whose customer was proven count (customerHash, link token, secret key): an unsigned
 * answer silences no one.
 */
export async function lastAnswerAt(
  d1: D1Database,
  projectId: string,
  customerId: string,
  since: string,
) {
  const row = await getDb(d1)
    .selectFrom('responses')
    .select((eb) => eb.fn.max('answered_at').as('at'))
    .where('project_id', '=', projectId)
    .where('customer_id', '=', customerId)
    .where('customer_verified', '=', 1)
    .where('answered_at', '>', since)
    .executeTakeFirst()
  return row?.at ?? null
}
