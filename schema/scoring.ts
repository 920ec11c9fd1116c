// The one implementation of the scoring math (SPEC "Scoring"), used by the worker and the widget.
import { CATEGORIES, SCALES, type Category, type SurveyKind } from './constants'
// Type-only: the figure shapes are the zod schemas of the metrics API; no zod at run time here.
import type { CesFigures, CsatFigures, NpsFigures } from './metrics'

/** Positive, neutral or negative: how a category counts, whatever the kind. */
export type Polarity = 'positive' | 'neutral' | 'negative'

export function isValidScore(kind: SurveyKind, score: number): boolean {
  const { min, max } = SCALES[kind]
  return Number.isInteger(score) && score >= min && score <= max
}

export function polarityOf(kind: SurveyKind, score: number): Polarity {
  if (kind === 'nps') return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative'
  if (kind === 'ces') return score >= 5 ? 'positive' : score === 4 ? 'neutral' : 'negative'
  return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative'
}

/** How an answer stores its polarity (responses.polarity), which the rollups count. */
export const POLARITY_SIGN = { positive: 1, neutral: 0, negative: -1 } as const satisfies Record<
  Polarity,
  1 | 0 | -1
>
export type PolaritySign = (typeof POLARITY_SIGN)[Polarity]

export const polaritySign = (kind: SurveyKind, score: number): PolaritySign =>
  POLARITY_SIGN[polarityOf(kind, score)]

const POLARITY_INDEX: Record<Polarity, 0 | 1 | 2> = { positive: 0, neutral: 1, negative: 2 }

/** The categories of one polarity across kinds: negative → detractor, difficult, unsatisfied. */
export function categoriesOf(polarity: Polarity): Category[] {
  const i = POLARITY_INDEX[polarity]
  return [...new Set(Object.values(CATEGORIES).map((c) => c[i]))]
}

export function classify(kind: SurveyKind, score: number): Category {
  if (!isValidScore(kind, score))
    throw new RangeError(`score ${score} is outside the ${kind} scale`)
  return CATEGORIES[kind][POLARITY_INDEX[polarityOf(kind, score)]]
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals
  // Adding EPSILON keeps 0.05-style halves from rounding down through binary error; `+ 0` turns
  // a rounded −0 (a tiny negative difference) into 0, as JSON would anyway.
  return Math.round((value + Math.sign(value) * Number.EPSILON) * f) / f + 0
}

/** Share in percent with one decimal; null when there is nothing to share. */
export function share(part: number, total: number): number | null {
  return total === 0 ? null : round((100 * part) / total, 1)
}

/** Counts of one bucket; every aggregate is computed from these. */
export interface Tally {
  total: number
  positive: number
  neutral: number
  negative: number
  scoreSum: number
  /** Answers per score: scores[s] counts score s (0–10; CES and CSAT use 1–7 and 1–5). */
  scores: number[]
}

/** Scores 0–10: every scale fits, so one shape serves all kinds (rollup columns s0…s10). */
export const SCORE_SLOTS = 11

export const emptyTally = (): Tally => ({
  total: 0,
  positive: 0,
  neutral: 0,
  negative: 0,
  scoreSum: 0,
  scores: Array<number>(SCORE_SLOTS).fill(0),
})

/** a + sign·b, field by field (sign −1 takes a part out of a whole: "all others"). */
function combine(a: Tally, b: Tally, sign: 1 | -1): Tally {
  return {
    total: a.total + sign * b.total,
    positive: a.positive + sign * b.positive,
    neutral: a.neutral + sign * b.neutral,
    negative: a.negative + sign * b.negative,
    scoreSum: a.scoreSum + sign * b.scoreSum,
    scores: a.scores.map((n, i) => n + sign * (b.scores[i] ?? 0)),
  }
}

export const addTally = (a: Tally, b: Tally): Tally => combine(a, b, 1)
export const subtractTally = (whole: Tally, part: Tally): Tally => combine(whole, part, -1)

export function tallyScores(kind: SurveyKind, scores: readonly number[]): Tally {
  const t = emptyTally()
  for (const s of scores) {
    t.total++
    t.scoreSum += s
    t[polarityOf(kind, s)]++
    t.scores[s]++
  }
  return t
}

/** Every score of the kind's scale with its count, zeros included, lowest first. */
export function distributionOf(kind: SurveyKind, t: Tally): { score: number; count: number }[] {
  const { min, max } = SCALES[kind]
  return Array.from({ length: max - min + 1 }, (_, i) => ({
    score: min + i,
    count: t.scores[min + i] ?? 0,
  }))
}

/** Sample variance of the scores (n − 1 in the denominator), from the distribution; null if n < 2. */
export function scoreVariance(t: Tally): number | null {
  if (t.total < 2) return null
  const mean = t.scoreSum / t.total
  const squares = t.scores.reduce((sum, count, score) => sum + count * (score - mean) ** 2, 0)
  return squares / (t.total - 1)
}

/** Variance term of P − D for shares p, d: p + d − (p − d)². */
const npsVariance = (p: number, d: number) => p + d - (p - d) ** 2

/**
 * Adjusted Wald (Rocks 2016): 3 pseudo-answers, ¾ each to promoters and detractors. Returns the
 * centre p' − d' and the variance v = (p' + d' − (p' − d')²)/n' of that centre, as fractions.
 */
export function adjustedNps(promoters: number, detractors: number, n: number) {
  const n2 = n + 3
  const p2 = (promoters + 0.75) / n2
  const d2 = (detractors + 0.75) / n2
  return { centre: p2 - d2, variance: npsVariance(p2, d2) / n2 }
}

export const LOW_SAMPLE = 30

export function npsFigures(promoters: number, passives: number, detractors: number): NpsFigures {
  const n = promoters + passives + detractors
  if (n === 0) {
    return {
      total: 0,
      promoters,
      passives,
      detractors,
      nps: null,
      marginOfError: null,
      ci95: null,
      lowSample: true,
    }
  }
  const p = promoters / n
  const d = detractors / n
  const margin = 1.96 * 100 * Math.sqrt(npsVariance(p, d) / n)
  const adjusted = adjustedNps(promoters, detractors, n)
  const centre = 100 * adjusted.centre
  const half = 1.96 * 100 * Math.sqrt(adjusted.variance)
  return {
    total: n,
    promoters,
    passives,
    detractors,
    nps: round(100 * (p - d), 1),
    marginOfError: round(margin, 1),
    ci95: {
      low: round(Math.max(-100, centre - half), 1),
      high: round(Math.min(100, centre + half), 1),
    },
    lowSample: n < LOW_SAMPLE,
  }
}

export function cesFigures(t: Tally): CesFigures {
  return {
    total: t.total,
    average: t.total === 0 ? null : round(t.scoreSum / t.total, 2),
    easy: t.positive,
    neutral: t.neutral,
    difficult: t.negative,
    easyShare: share(t.positive, t.total),
  }
}

export function csatFigures(t: Tally): CsatFigures {
  return {
    total: t.total,
    average: t.total === 0 ? null : round(t.scoreSum / t.total, 2),
    satisfied: t.positive,
    satisfiedShare: share(t.positive, t.total),
  }
}

export type Figures = NpsFigures | CesFigures | CsatFigures

/** The figures the spec names for a kind, from one tally. */
export function figuresFor(kind: SurveyKind, t: Tally): Figures {
  if (kind === 'nps') return npsFigures(t.positive, t.neutral, t.negative)
  return kind === 'ces' ? cesFigures(t) : csatFigures(t)
}
