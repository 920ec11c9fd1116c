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

/**
 * The 95 % interval as the dashboard shows it: the API's adjusted Wald interval, widened where
 * needed to hold the point itself. With few answers the adjusted interval leans toward 0 and can
 * leave the raw point out (1 promoter: NPS 100, interval −48.5 to 98.5); a dot outside its own band
 * reads as an error. Widening only ever shows more uncertainty, never less.
 */
export function intervalWithPoint(
  value: number | null,
  ci: { low: number; high: number } | null | undefined,
): { low: number | null; high: number | null } {
  if (!ci) return { low: null, high: null }
  if (value === null) return ci
  return { low: Math.min(ci.low, value), high: Math.max(ci.high, value) }
}

/** The lowest and highest of values and interval ends: a chart's scale holds every band whole. */
export function extentOf(figures: Figure[]): { min: number | null; max: number | null } {
  const all = figures.flatMap((f) => [f.value, f.low, f.high]).filter((v) => v !== null)
  return all.length ? { min: Math.min(...all), max: Math.max(...all) } : { min: null, max: null }
}

export function figureOf(item: AnyFigures): Figure {
  if ('nps' in item)
    return { value: item.nps, ...intervalWithPoint(item.nps, item.ci95), n: item.total }
  if ('easyShare' in item) return { value: item.average, low: null, high: null, n: item.total }
  return { value: item.satisfiedShare, low: null, high: null, n: item.total }
}

/** Digits the API reports the figure with: CES means two decimals, shares and NPS one. */
export const digitsOf = (kind: SurveyKind) => (kind === 'ces' ? 2 : 1)

export type SeriesItem = NonNullable<Metrics['series']>[number]
