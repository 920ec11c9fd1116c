// Reads of the term rollup (0009_insights.sql) for GET /v1/themes: one statement over the
// window's buckets (survey × UTC day × touchpoint × term), never over reasons.
import { sql } from 'kysely'
import type { Polarity } from '../../schema/scoring'
import { getDb } from './client'

export interface TermFilter {
  surveyId: string
  from?: string
  to?: string
  touchpoint?: string
  /** Count only reasons of this polarity (the category filter); lean always uses all of them. */
  polarity?: Polarity
}

export interface TermRow {
  term: string
  positive: number
  neutral: number
  negative: number
  /** Occurrences in the filter (all polarities, or the chosen one). */
  count: number
  /** Occurrences of every term in the window per polarity (the '' row excluded). */
  total_positive: number
  total_neutral: number
  total_negative: number
  /** 'YYYY-MM-DD <answer id>' of the latest example per polarity in the filter, or null. */
  example_positive: string | null
  example_neutral: string | null
  example_negative: string | null
}

const POLARITIES: Polarity[] = ['positive', 'neutral', 'negative']

/**
 * The `limit` most mentioned terms in the filter, plus the '' row, which counts the reasons
 * (answers with terms). Window totals come from window functions over the grouped rows, so the
 * buckets are read once.
 */
export async function readTerms(d1: D1Database, f: TermFilter, limit: number) {
  const counted = (p: Polarity) => !f.polarity || f.polarity === p
  const count = sql.join(
    POLARITIES.filter(counted).map((p) => sql`sum(${sql.ref(p)})`),
    sql` + `,
  )
  const examples = POLARITIES.map((p) =>
    counted(p)
      ? sql`max(day || ' ' || ${sql.ref(`example_${p}`)})`.as(`example_${p}`)
      : sql<null>`NULL`.as(`example_${p}`),
  )
  const totals = POLARITIES.map((p) =>
    sql<number>`sum(sum(iif(term = '', 0, ${sql.ref(p)}))) OVER ()`.as(`total_${p}`),
  )
  let q = getDb(d1)
    .selectFrom('rollup_terms')
    .select([
      'term',
      ...POLARITIES.map((p) => sql<number>`sum(${sql.ref(p)})`.as(p)),
      sql<number>`${count}`.as('count'),
      ...totals,
      ...examples,
    ])
    .where('survey_id', '=', f.surveyId)
  if (f.from) q = q.where('day', '>=', f.from)
  if (f.to) q = q.where('day', '<=', f.to)
  if (f.touchpoint !== undefined) q = q.where('touchpoint', '=', f.touchpoint)
  const { sql: text, parameters } = q
    .groupBy('term')
    .orderBy('count', 'desc')
    .orderBy('term')
    .limit(limit + 1)
    .compile()
  const result = await d1
    .prepare(text)
    .bind(...parameters)
    .all<TermRow>()
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0 }
}
