// Reads for GET /v1/journeys and the at-risk list's lastDrop: a customer's consecutive answers in
// time order. The window read is a range of the covering index responses_project_journey
// (0009_insights.sql).
import { sql } from 'kysely'
import { CATEGORIES, POLARITIES } from '../../schema/constants'
import { getDb } from './client'

const categoriesAt = (rank: number) =>
  sql.join(Object.values(CATEGORIES).map((c) => sql.lit(c[2 - rank])))
/** 0 negative, 1 neutral, 2 positive: the index of POLARITIES. */
const RANK = sql`iif(category IN (${categoriesAt(2)}), 2, iif(category IN (${categoriesAt(1)}), 1, 0))`

export const polarityOfRank = (rank: number) => POLARITIES[rank]

export interface JourneyWindow {
  projectId: string
  surveyId?: string
  /** answered_at from (inclusive) and before (exclusive), ISO timestamps. */
  since: string
  before: string
}

/** One customer's answers with a touchpoint in the window, in time order: [touchpoint, rank][]. */
export interface JourneyRow {
  customer_id: string
  steps: string
}

/** A customer's steps, parsed from the row's JSON array (here only). */
export const stepsOf = (r: JourneyRow): [string, number][] => JSON.parse(r.steps)

/**
 * Each customer's sequence, one row per customer: the window's range of the covering index,
 * sorted once by customer and time, folded by json_group_array (which takes the rows in the
 * order the subquery gives them). Window functions would read every row ~10 times in D1's
 * rows_read accounting (their ephemeral tables); this reads them about twice.
 */
export async function readJourneys(d1: D1Database, w: JourneyWindow) {
  const survey = w.surveyId === undefined ? sql`` : sql`AND survey_id = ${w.surveyId}`
  const query = sql<JourneyRow>`
    SELECT customer_id, json_group_array(json_array(touchpoint, rank)) AS steps FROM (
      SELECT customer_id, touchpoint, ${RANK} AS rank
      FROM responses
      WHERE project_id = ${w.projectId} AND customer_id IS NOT NULL AND is_test = 0
        AND answered_at >= ${w.since} AND answered_at < ${w.before} ${survey}
        AND touchpoint IS NOT NULL
      ORDER BY customer_id, answered_at, id
    ) GROUP BY customer_id`
  return run<JourneyRow>(d1, query.compile(getDb(d1)))
}

/** Runs a compiled query on D1 directly, to keep meta.rows_read (the cost of the call). */
async function run<T>(d1: D1Database, q: { sql: string; parameters: readonly unknown[] }) {
  const result = await d1
    .prepare(q.sql)
    .bind(...q.parameters)
    .all<T>()
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0 }
}

export interface DropRow {
  customer_id: string
  from_tp: string | null
  from_rank: number
  to_tp: string | null
  to_rank: number
  answered_at: string
  id: string
}

/**
 * The latest step down of each of these customers since `since`: two consecutive answers (any
 * touchpoints) where the polarity fell. The ids travel as one JSON parameter (D1 allows 100).
 */
export async function readLastDrops(
  d1: D1Database,
  projectId: string,
  customerIds: string[],
  since: string,
  surveyId?: string,
) {
  if (customerIds.length === 0) return []
  const survey = surveyId === undefined ? sql`` : sql`AND survey_id = ${surveyId}`
  const query = sql<DropRow>`
    SELECT customer_id, from_tp, from_rank, to_tp, to_rank, answered_at, id FROM (
      SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY answered_at DESC, id DESC) AS k
      FROM (
        SELECT customer_id, touchpoint AS to_tp, rank AS to_rank, answered_at, id,
          lag(touchpoint) OVER w AS from_tp, lag(rank) OVER w AS from_rank
        FROM (
          SELECT customer_id, touchpoint, answered_at, id, ${RANK} AS rank FROM responses
          WHERE project_id = ${projectId} AND customer_id IS NOT NULL
            AND customer_id IN (SELECT value FROM json_each(${JSON.stringify(customerIds)}))
            AND is_test = 0 AND answered_at >= ${since} ${survey}
        )
        WINDOW w AS (PARTITION BY customer_id ORDER BY answered_at, id)
      )
      WHERE from_rank IS NOT NULL AND to_rank < from_rank
    ) WHERE k = 1`
  return (await run<DropRow>(d1, query.compile(getDb(d1)))).rows
}
