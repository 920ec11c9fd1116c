// Which side a term leans to: the weighted log-odds ratio with an informative Dirichlet prior
// (Monroe, Colaresi & Quinn 2008, "Fightin' Words", Political Analysis 16(4): 372–403,
// doi:10.1093/pan/mpn018).
// Pure and zod-free.

export interface TermCounts {
  /** Occurrences of the term in negative and in positive reasons. */
  negative: number
  positive: number
  /** Occurrences in all reasons of the window (negative, neutral and positive): the prior. */
  all: number
}

export interface Totals {
  negative: number
  positive: number
  all: number
}

export interface Lean {
  /** δ: log-odds of the term in negative minus in positive reasons; > 0 leans negative. */
  logOdds: number
  /** δ / √σ²(δ): beyond ±1.96 the lean is unlikely to be noise. */
  z: number
}

/**
 * The prior is informative: α_w is the term's count in all reasons of the window and α₀ the
 * total of those counts (the pooled reasons as background, as tidylo does), so a rare term is
 * pulled towards no lean and a frequent one keeps its difference.
 *   ω_w^i = ln((y_w^i + α_w) / (n^i + α₀ − y_w^i − α_w))
 *   δ_w = ω_w^neg − ω_w^pos,   σ²(δ_w) ≈ 1/(y_w^neg + α_w) + 1/(y_w^pos + α_w)
 */
export function leanOf(term: TermCounts, totals: Totals): Lean {
  const alpha = term.all
  const alpha0 = totals.all
  const omega = (y: number, n: number) => {
    const rest = n + alpha0 - y - alpha
    return rest > 0 ? Math.log((y + alpha) / rest) : null
  }
  const neg = omega(term.negative, totals.negative)
  const pos = omega(term.positive, totals.positive)
  // No contrast to draw: the term is all there is, or nothing was said.
  if (alpha === 0 || neg === null || pos === null) return { logOdds: 0, z: 0 }
  const logOdds = neg - pos
  const variance = 1 / (term.negative + alpha) + 1 / (term.positive + alpha)
  return { logOdds, z: logOdds / Math.sqrt(variance) }
}
