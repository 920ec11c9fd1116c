// Is a difference real? Two independent samples compared with the spec's formulas (SPEC
// "Insights"): NPS by adjusted Wald, the CES mean by Welch, the CSAT share by Agresti–Caffo.
// Pure and zod-free; `a` is the reference (the previous window, or all other answers), `b` the
// sample of interest, and delta = b − a.
import type { SurveyKind } from './constants'
import { adjustedNps, LOW_SAMPLE, round, scoreVariance, type Tally } from './scoring'
import { normalTwoSided, studentQuantile, studentTwoSided, Z95 } from './stats'

export interface Comparison {
  /** NPS points, CES score points or CSAT percentage points; null when a side is empty. */
  delta: number | null
  ci95: { low: number; high: number } | null
  pValue: number | null
  /** The 95 % interval excludes 0 (decided before rounding). */
  significant: boolean
  /** Either side has fewer than 30 answers. */
  lowSample: boolean
}

const lowSample = (a: Tally, b: Tally) => a.total < LOW_SAMPLE || b.total < LOW_SAMPLE

function empty(a: Tally, b: Tally, delta: number | null = null): Comparison {
  return { delta, ci95: null, pValue: null, significant: false, lowSample: lowSample(a, b) }
}

/** A normal-theory comparison: centre ± z·se with a two-sided p-value, scaled and rounded. */
function normal(a: Tally, b: Tally, centre: number, se: number, scale: number, decimals: number) {
  const low = centre - Z95 * se
  const high = centre + Z95 * se
  return {
    delta: round(scale * centre, decimals),
    ci95: { low: round(scale * low, decimals), high: round(scale * high, decimals) },
    pValue: se === 0 ? (centre === 0 ? 1 : 0) : round(normalTwoSided(centre / se), 4),
    significant: low > 0 || high < 0,
    lowSample: lowSample(a, b),
  }
}

/**
 * Difference of two NPS, each with its adjusted-Wald centre and variance: delta = 100·(c_b − c_a),
 * ci95 = delta ± 1.96·100·√(v_a + v_b), two-sided z-test.
 */
export function compareNps(a: Tally, b: Tally): Comparison {
  if (a.total === 0 || b.total === 0) return empty(a, b)
  const x = adjustedNps(a.positive, a.negative, a.total)
  const y = adjustedNps(b.positive, b.negative, b.total)
  return normal(a, b, y.centre - x.centre, Math.sqrt(x.variance + y.variance), 100, 1)
}

/**
 * Difference of two CES means by Welch's t (Welch 1947): se = √(s²_a/n_a + s²_b/n_b), df by
 * Welch–Satterthwaite; the normal approximation when both sides have n ≥ 30.
 */
export function compareMeans(a: Tally, b: Tally): Comparison {
  if (a.total === 0 || b.total === 0) return empty(a, b)
  const delta = b.scoreSum / b.total - a.scoreSum / a.total
  const va = scoreVariance(a)
  const vb = scoreVariance(b)
  if (va === null || vb === null) return empty(a, b, round(delta, 2))
  const qa = va / a.total
  const qb = vb / b.total
  const se = Math.sqrt(qa + qb)
  if (!lowSample(a, b) || se === 0) return normal(a, b, delta, se, 1, 2)
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.total - 1) + qb ** 2 / (b.total - 1))
  const t = studentQuantile(0.05, df)
  const low = delta - t * se
  const high = delta + t * se
  return {
    delta: round(delta, 2),
    ci95: { low: round(low, 2), high: round(high, 2) },
    pValue: round(studentTwoSided(delta / se, df), 4),
    significant: low > 0 || high < 0,
    lowSample: true,
  }
}

/**
 * Difference of two proportions, Agresti–Caffo adjusted (Agresti & Caffo 2000): one success and
 * one failure added to each side, p̃ = (x + 1)/(n + 2), centre p̃_b − p̃_a,
 * se = √(p̃_a(1 − p̃_a)/(n_a + 2) + p̃_b(1 − p̃_b)/(n_b + 2)). In percentage points.
 */
export function compareShares(a: Tally, b: Tally): Comparison {
  if (a.total === 0 || b.total === 0) return empty(a, b)
  const pa = (a.positive + 1) / (a.total + 2)
  const pb = (b.positive + 1) / (b.total + 2)
  const se = Math.sqrt((pa * (1 - pa)) / (a.total + 2) + (pb * (1 - pb)) / (b.total + 2))
  return normal(a, b, pb - pa, se, 100, 1)
}

/** The comparison the spec names for a kind: NPS, the CES mean, the CSAT satisfied share. */
export function compareTallies(kind: SurveyKind, a: Tally, b: Tally): Comparison {
  if (kind === 'nps') return compareNps(a, b)
  return kind === 'ces' ? compareMeans(a, b) : compareShares(a, b)
}
