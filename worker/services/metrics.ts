// GET /v1/metrics: folds rollup buckets into the spec's figures with the one scoring module.
import { DAY_MS, type SurveyKind } from '../../schema/constants'
import type { Metrics, MetricsQuery, TimeGroup } from '../../schema/metrics'
import { addTally, emptyTally, figuresFor, type Tally } from '../../schema/scoring'
import { readDayBuckets, readPropertyBuckets, type Bucket, type RollupFilter } from '../db/rollups'
import { findSurvey } from '../db/surveys'
import { notFound, validationError } from '../lib/problem'

/** The ISO week (Monday to Sunday) of a UTC day, keyed by its Monday. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`)
  const sinceMonday = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10)
}

const bucketKey: Record<TimeGroup, (day: string) => string> = {
  day: (day) => day,
  week: weekOf,
  month: (day) => day.slice(0, 7),
}

/** Buckets folded by key; keys sorted as strings, with null (no touchpoint) first. */
function fold(buckets: Bucket[], keyOf: (k: string) => string | null) {
  const byKey = new Map<string | null, Tally>()
  for (const b of buckets) {
    const k = keyOf(b.key)
    byKey.set(k, addTally(byKey.get(k) ?? emptyTally(), b.tally))
  }
  return [...byKey.entries()].sort(([a], [b]) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1,
  )
}

const total = (buckets: Bucket[]) => buckets.reduce((t, b) => addTally(t, b.tally), emptyTally())

function checkQuery(q: MetricsQuery) {
  const errors = []
  if (q.tz !== undefined && !['UTC', 'Etc/UTC'].includes(q.tz)) {
    errors.push({
      path: 'query.tz',
      message:
        'only UTC: answers are rolled up per UTC day, so another zone could not be bucketed exactly',
    })
  }
  if (q.from && q.to && q.from > q.to)
    errors.push({ path: 'query.from', message: 'from is after to' })
  if (errors.length) throw validationError(errors)
}

export interface MetricsResult {
  body: Metrics
  rowsRead: number
}

export async function computeMetrics(
  d1: D1Database,
  projectId: string,
  q: MetricsQuery,
): Promise<MetricsResult> {
  checkQuery(q)
  const survey = await findSurvey(d1, projectId, q.surveyId, { includeArchived: true })
  if (!survey) throw notFound('Survey')
  const filter: RollupFilter = {
    surveyId: survey.id,
    from: q.from,
    to: q.to,
    touchpoint: q.touchpoint,
  }
  const kind: SurveyKind = survey.kind
  const groupBy = q.groupBy

  let overall: Tally
  let series: [string | null, Tally][] | undefined
  let rowsRead: number
  if (groupBy?.startsWith('property:')) {
    const key = groupBy.slice('property:'.length)
    if (!survey.segmentKeys.includes(key)) {
      throw validationError([
        {
          path: 'query.groupBy',
          message: `"${key}" is not one of this survey's segmentKeys (${survey.segmentKeys.join(', ') || 'none'})`,
        },
      ])
    }
    // Totals count every answer; the series only those that carry the key.
    const [all, values] = await Promise.all([
      readDayBuckets(d1, filter, 'touchpoint'),
      readPropertyBuckets(d1, filter, key),
    ])
    overall = total(all.buckets)
    series = fold(values.buckets, (v) => v)
    rowsRead = all.rowsRead + values.rowsRead
  } else if (groupBy === 'touchpoint') {
    const read = await readDayBuckets(d1, filter, 'touchpoint')
    overall = total(read.buckets)
    series = fold(read.buckets, (t) => (t === '' ? null : t))
    rowsRead = read.rowsRead
  } else {
    const read = await readDayBuckets(d1, filter, 'day')
    overall = total(read.buckets)
    if (groupBy) series = fold(read.buckets, bucketKey[groupBy as TimeGroup])
    rowsRead = read.rowsRead
  }

  const body = {
    kind,
    surveyId: survey.id,
    from: q.from ?? null,
    to: q.to ?? null,
    touchpoint: q.touchpoint ?? null,
    groupBy: groupBy ?? null,
    ...figuresFor(kind, overall),
    ...(series ? { series: series.map(([key, t]) => ({ key, ...figuresFor(kind, t) })) } : {}),
  } as Metrics
  return { body, rowsRead }
}
