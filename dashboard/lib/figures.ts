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
