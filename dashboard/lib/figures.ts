// One number per metrics item, whatever the survey kind: NPS, the CES mean, the CSAT satisfied
// share; with its 95 % interval where the API gives one (NPS).
import type { SurveyKind } from '../../schema/constants'
import type { CesFigures, CsatFigures, Metrics, NpsFigures } from '../../schema/metrics'

export interface Figure {
  value: number | null
  low: number | null
  high: number | null
  n: number
}

type AnyFigures = NpsFigures | CesFigures | CsatFigures

export function figureOf(item: AnyFigures): Figure {
  if ('nps' in item)
    return {
      value: item.nps,
      low: item.ci95?.low ?? null,
      high: item.ci95?.high ?? null,
      n: item.total,
    }
  if ('easyShare' in item) return { value: item.average, low: null, high: null, n: item.total }
  return { value: item.satisfiedShare, low: null, high: null, n: item.total }
}

/** Digits the API reports the figure with: CES means two decimals, shares and NPS one. */
export const digitsOf = (kind: SurveyKind) => (kind === 'ces' ? 2 : 1)

export type SeriesItem = NonNullable<Metrics['series']>[number]

/** The per-score counts the insights work adds to GET /v1/metrics (SPEC "Insights"); absent on
 * older servers, in which case the overview shows the category split instead. */
export interface ScoreCount {
  score: number
  count: number
}
export type WithDistribution = Metrics & { distribution?: ScoreCount[] }

/** Answers per category, positive first. CSAT answers report only the satisfied count, so its
 * other two categories are one bar. */
export function categoryCounts(m: Metrics): { label: string; count: number; tone: Tone }[] {
  if (m.kind === 'nps')
    return [
      { label: 'promoter', count: m.promoters, tone: 'positive' },
      { label: 'passive', count: m.passives, tone: 'neutral' },
      { label: 'detractor', count: m.detractors, tone: 'negative' },
    ]
  if (m.kind === 'ces')
    return [
      { label: 'easy', count: m.easy, tone: 'positive' },
      { label: 'neutral', count: m.neutral, tone: 'neutral' },
      { label: 'difficult', count: m.difficult, tone: 'negative' },
    ]
  return [
    { label: 'satisfied', count: m.satisfied, tone: 'positive' },
    { label: 'neutral / unsatisfied', count: m.total - m.satisfied, tone: 'negative' },
  ]
}

export type Tone = 'positive' | 'neutral' | 'negative'
