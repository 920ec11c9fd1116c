// GET /v1/metrics: folds rollup buckets into the spec's figures with the one scoring module, and
// adds the insights: distribution, response rates, the change against an earlier window, and
// each touchpoint's or segment's difference from all other answers.
import type { SurveyKind } from '../../schema/constants'
import { compareTallies } from '../../schema/compare'
import type { Metrics, MetricsQuery, TimeGroup } from '../../schema/metrics'
import { subtractTally, type Tally } from '../../schema/scoring'
import { rebuildCursor } from '../db/rebuild'
import { readDayBuckets, readPropertyBuckets, type RollupFilter } from '../db/rollups'
import { findSurvey } from '../db/surveys'
import { notFound, validationError } from '../lib/problem'
import {
  bucketKey,
  KIND_FIGURES,
  fold,
  previousWindow,
  reachOf,
  totalOf,
  type Folded,
} from './metrics-parts'
import type { Ctx } from '../context'

/** The earlier window of a comparison, if the query asks for one. */
function comparisonWindow(q: MetricsQuery) {
  if (q.compare === 'previous' && q.from && q.to) return previousWindow(q.from, q.to)
  if (q.compareFrom && q.compareTo) return { from: q.compareFrom, to: q.compareTo }
  return undefined
}

export interface MetricsResult {
  body: Metrics
  rowsRead: number
  /** The survey's property rollups are being rebuilt: the caller may drive the rebuild on. */
  rebuilding: boolean
}

interface Grouped {
  all: Folded
  series?: Folded[]
  /** Series items carry response rates (time and touchpoint groupings). */
  reach: boolean
  /** Series items carry vsRest (touchpoint and property groupings). */
  vsRest: boolean
  rowsRead: number
}

async function readGrouped(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: string | undefined,
): Promise<Grouped> {
  if (groupBy?.startsWith('property:')) {
    // Totals count every answer; the series only those that carry the key.
    const [all, values] = await Promise.all([
      readDayBuckets(d1, filter, 'all'),
      readPropertyBuckets(d1, filter, groupBy.slice('property:'.length)),
    ])
    const series = fold(values.buckets, (v) => v)
    return {
      all: { key: null, ...totalOf(all.buckets) },
      series,
      reach: false,
      vsRest: true,
      rowsRead: all.rowsRead + values.rowsRead,
    }
  }
  const byTouchpoint = groupBy === 'touchpoint'
  const read = await readDayBuckets(
    d1,
    filter,
    byTouchpoint ? 'touchpoint' : groupBy ? 'day' : 'all',
  )
  const all = { key: null, ...totalOf(read.buckets) }
  const keyOf = byTouchpoint
    ? (t: string) => (t === '' ? null : t)
    : groupBy && bucketKey[groupBy as TimeGroup]
  return {
    all,
    series: keyOf ? fold(read.buckets, keyOf) : undefined,
    reach: true,
    vsRest: byTouchpoint,
    rowsRead: read.rowsRead,
  }
}

export async function computeMetrics(ctx: Ctx, q: MetricsQuery): Promise<MetricsResult> {
  const { db: d1, projectId } = ctx
  const survey = await findSurvey(d1, projectId, q.surveyId, { includeArchived: true })
  if (!survey) throw notFound('Survey')
  const property = q.groupBy?.startsWith('property:') ? q.groupBy.slice(9) : undefined
  if (property !== undefined && !survey.segmentKeys.includes(property)) {
    throw validationError([
      {
        path: 'query.groupBy',
        message: `"${property}" is not one of this survey's segmentKeys (${survey.segmentKeys.join(', ') || 'none'})`,
      },
    ])
  }
  const kind: SurveyKind = survey.kind
  const filter: RollupFilter = {
    surveyId: survey.id,
    from: q.from,
    to: q.to,
    touchpoint: q.touchpoint,
  }
  const earlier = comparisonWindow(q)
  const [grouped, before, cursor] = await Promise.all([
    readGrouped(d1, filter, q.groupBy),
    earlier ? readDayBuckets(d1, { ...filter, ...earlier }, 'all') : undefined,
    property === undefined ? null : rebuildCursor(d1, survey.id),
  ])
  const { all } = grouped
  // Time and touchpoint series keep buckets that only had displays or invitations.
  const series = grouped.series?.filter(
    (s) => s.tally.total > 0 || (grouped.reach && (s.reach.shown > 0 || s.reach.invited > 0)),
  )
  const previous = before && totalOf(before.buckets).tally

  /** The answer with one kind's own figures throughout, so it is that kind's Metrics variant. */
  const answer = <F extends object>(figures: (t: Tally) => F) => ({
    surveyId: survey.id,
    from: q.from ?? null,
    to: q.to ?? null,
    touchpoint: q.touchpoint ?? null,
    groupBy: q.groupBy ?? null,
    ...figures(all.tally),
    ...reachOf(all.reach),
    ...(property !== undefined ? { rebuilding: cursor !== null } : {}),
    ...(earlier && previous
      ? {
          change: {
            ...earlier,
            previous: figures(previous),
            ...compareTallies(kind, previous, all.tally),
          },
        }
      : {}),
    ...(series
      ? {
          series: series.map((s) => ({
            key: s.key,
            ...figures(s.tally),
            ...(grouped.reach ? reachOf(s.reach) : {}),
            ...(grouped.vsRest
              ? { vsRest: compareTallies(kind, subtractTally(all.tally, s.tally), s.tally) }
              : {}),
          })),
        }
      : {}),
  })
  const body: Metrics =
    kind === 'nps'
      ? { kind, ...answer(KIND_FIGURES.nps) }
      : kind === 'ces'
        ? { kind, ...answer(KIND_FIGURES.ces) }
        : { kind, ...answer(KIND_FIGURES.csat) }
  return {
    body,
    rowsRead: grouped.rowsRead + (before?.rowsRead ?? 0),
    rebuilding: cursor !== null,
  }
}
