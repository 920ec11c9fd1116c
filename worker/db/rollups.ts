// Reads of the rollup tables (schema/migrations/0002_rollups.sql). Triggers write them; nothing
// here does. Every read is one statement whose rows are buckets, never answers.
import { sql } from 'kysely'
import type { Tally } from '../../schema/scoring'
import { getDb, toStatement } from './client'

export interface RollupFilter {
  surveyId: string
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string
  to?: string
  touchpoint?: string
}

/** What a bucket read returns: `key` is the day, the touchpoint ('' for none) or the property value. */
export interface Bucket {
  key: string
  tally: Tally
}

export interface BucketRead {
  buckets: Bucket[]
  /** D1's meta.rows_read for the statement: the cost of the call. */
  rowsRead: number
}

const sums = [
  sql<number>`sum(total)`.as('total'),
  sql<number>`sum(positive)`.as('positive'),
  sql<number>`sum(neutral)`.as('neutral'),
  sql<number>`sum(negative)`.as('negative'),
  sql<number>`sum(score_sum)`.as('score_sum'),
]

interface SumRow {
  key: string
  total: number
  positive: number
  neutral: number
  negative: number
  score_sum: number
}

async function run(d1: D1Database, query: Parameters<typeof toStatement>[1]): Promise<BucketRead> {
  const result = await toStatement(d1, query).all<SumRow>()
  return {
    buckets: result.results.map((r) => ({
      key: r.key,
      tally: {
        total: r.total,
        positive: r.positive,
        neutral: r.neutral,
        negative: r.negative,
        scoreSum: r.score_sum,
      },
    })),
    rowsRead: result.meta.rows_read ?? 0,
  }
}

/** Tallies per UTC day or per touchpoint, from the day × touchpoint rollup. */
export function readDayBuckets(
  d1: D1Database,
  f: RollupFilter,
  by: 'day' | 'touchpoint',
): Promise<BucketRead> {
  let q = getDb(d1)
    .selectFrom('rollup_days')
    .select([`${by} as key`, ...sums])
    .where('survey_id', '=', f.surveyId)
  if (f.from) q = q.where('day', '>=', f.from)
  if (f.to) q = q.where('day', '<=', f.to)
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  return run(d1, q.groupBy(by))
}

/** Tallies per value of one segment key, from the property rollup. */
export function readPropertyBuckets(
  d1: D1Database,
  f: RollupFilter,
  key: string,
): Promise<BucketRead> {
  let q = getDb(d1)
    .selectFrom('rollup_properties')
    .select(['value as key', ...sums])
    .where('survey_id', '=', f.surveyId)
    .where('key', '=', key)
  if (f.from) q = q.where('day', '>=', f.from)
  if (f.to) q = q.where('day', '<=', f.to)
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  return run(d1, q.groupBy('value'))
}
