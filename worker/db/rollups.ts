// Reads of the rollup tables (schema/migrations/0002_rollups.sql, 0009_insights.sql,
// 0012_counting.sql). Triggers write them; nothing here does. Every read is one statement whose
// rows are buckets, never answers.
import { sql } from 'kysely'
import { answerCounters } from '../../schema/counters'
import type { Tally } from '../../schema/scoring'
import { getDb, toStatement } from './client'
import { askSums } from './counting-sql'

export interface RollupFilter {
  surveyId: string
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string
  to?: string
  touchpoint?: string
}

/**
 * Who was asked and who answered, per way of asking (schema/counters.ts CHANNEL_ASKS): widget
 * displays and the answers on the channel that shows, invitations and the answers through links.
 */
export interface Reach {
  widget: number
  link: number
  shown: number
  invited: number
}

export const emptyReach = (): Reach => ({ widget: 0, link: 0, shown: 0, invited: 0 })
export const addReach = (a: Reach, b: Reach): Reach => ({
  widget: a.widget + b.widget,
  link: a.link + b.link,
  shown: a.shown + b.shown,
  invited: a.invited + b.invited,
})

/** What a bucket read returns: `key` is the day, the touchpoint ('' for none) or the property value. */
export interface Bucket {
  key: string
  tally: Tally
  reach: Reach
}

export interface BucketRead {
  buckets: Bucket[]
  /** D1's meta.rows_read for the statement: the cost of the call. */
  rowsRead: number
}

const SCORE_COLUMNS = answerCounters()
  .map((c) => c.column)
  .filter((c) => /^s\d+$/.test(c))
const sumOf = (column: string) => sql<number>`sum(${sql.ref(column)})`.as(column)
const TALLY_SUMS = ['total', 'positive', 'neutral', 'negative', 'score_sum', ...SCORE_COLUMNS]
// Generated from the channel table: channel is a dimension of rollup_days, so each sum picks the
// channels that ask one way. Text from constants only (no input), hence sql.raw.
const shown = askSums('shown')
const invited = askSums('invited')
const REACH_SUMS = [
  sql.raw<number>(shown.answered).as('widget'),
  sql.raw<number>(invited.answered).as('link'),
  sql.raw<number>(shown.asked).as('shown'),
  sql.raw<number>(invited.asked).as('invited'),
]

type SumRow = { key: string } & Record<string, number | null>

async function run(d1: D1Database, query: Parameters<typeof toStatement>[1]): Promise<BucketRead> {
  const result = await toStatement(d1, query).all<SumRow>()
  // sum() over no rows is NULL (the ungrouped read of an empty window): that is a count of 0.
  const n = (r: SumRow, column: string) => r[column] ?? 0
  return {
    buckets: result.results.map((r) => ({
      key: r.key,
      tally: {
        total: n(r, 'total'),
        positive: n(r, 'positive'),
        neutral: n(r, 'neutral'),
        negative: n(r, 'negative'),
        scoreSum: n(r, 'score_sum'),
        scores: SCORE_COLUMNS.map((c) => n(r, c)),
      },
      reach: {
        widget: n(r, 'widget'),
        link: n(r, 'link'),
        shown: n(r, 'shown'),
        invited: n(r, 'invited'),
      },
    })),
    rowsRead: result.meta.rows_read ?? 0,
  }
}

/** Tallies and reach per UTC day, per touchpoint, or in one row ('all'), from the day rollup. */
export function readDayBuckets(
  d1: D1Database,
  f: RollupFilter,
  by: 'day' | 'touchpoint' | 'all',
): Promise<BucketRead> {
  let q = getDb(d1)
    .selectFrom('rollup_days')
    .select([
      by === 'all' ? sql<string>`''`.as('key') : sql<string>`${sql.ref(by)}`.as('key'),
      ...TALLY_SUMS.map(sumOf),
      ...REACH_SUMS,
    ])
    .where('survey_id', '=', f.surveyId)
  if (f.from) q = q.where('day', '>=', f.from)
  if (f.to) q = q.where('day', '<=', f.to)
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  return run(d1, by === 'all' ? q : q.groupBy(by))
}

/** Tallies per value of one segment key, from the property rollup. */
export function readPropertyBuckets(
  d1: D1Database,
  f: RollupFilter,
  key: string,
): Promise<BucketRead> {
  let q = getDb(d1)
    .selectFrom('rollup_properties')
    .select([sql<string>`value`.as('key'), ...TALLY_SUMS.map(sumOf)])
    .where('survey_id', '=', f.surveyId)
    .where('key', '=', key)
  if (f.from) q = q.where('day', '>=', f.from)
  if (f.to) q = q.where('day', '<=', f.to)
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  return run(d1, q.groupBy('value'))
}
