// Queries by customer: at-risk customers, one customer's answers, erasure (GDPR).
import { sql } from 'kysely'
import { NEGATIVE_CATEGORIES } from '../../schema/constants'
import type { Response } from '../../schema/response'
import { getDb } from './client'
import { responseFromRow } from './responses'
import type { ResponseRow } from './types'

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
 * Erases a customer from the project in one batch (one transaction): answers (the rollup
 * triggers subtract them from every figure), impressions and survey-link invitations.
 * Says how many answers went, and whether anything at all did.
 */
export async function eraseCustomer(d1: D1Database, projectId: string, customerId: string) {
  const where = 'WHERE project_id = ? AND customer_id = ?'
  const [answers, ...others] = await d1.batch([
    // RETURNING counts the answers themselves; meta.changes would depend on trigger accounting.
    d1.prepare(`DELETE FROM responses ${where} RETURNING id`).bind(projectId, customerId),
    d1.prepare(`DELETE FROM impressions ${where}`).bind(projectId, customerId),
    d1.prepare(`DELETE FROM invitations ${where}`).bind(projectId, customerId),
  ])
  const deleted = answers.results.length
  return { deleted, found: deleted > 0 || others.some((r) => (r.meta.changes ?? 0) > 0) }
}
