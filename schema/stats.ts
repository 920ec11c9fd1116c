// Distributions behind the comparisons (normal, Student's t) and the Wilson interval. Pure and
// zod-free, so the widget, the worker and the tests share one implementation.

/** z for a two-sided 95 % interval (the spec's 1.96). */
export const Z95 = 1.96

/**
 * erfc(x) for x ≥ 0: the Maclaurin series of erf below 2.5, the continued fraction of erfc above
 * (Abramowitz & Stegun 7.1.5 and 7.1.14), both good to ~1e-14, far below what is ever reported.
 */
function erfcPositive(x: number): number {
  if (x < 2.5) {
    let term = x
    let sum = x
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n
      const add = term / (2 * n + 1)
      sum += add
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
  let f = x
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function normalTwoSided(z: number): number {
  return erfcPositive(Math.abs(z) / Math.SQRT2)
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, the widely published 9 coefficients). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  x -= 1
  let a = c[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The continued fraction of the incomplete beta function (DLMF 8.17.22), by modified Lentz. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    // Even step, then odd step of the fraction's coefficients.
    for (const num of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + num * d
      if (Math.abs(d) < tiny) d = tiny
      c = 1 + num / c
      if (Math.abs(c) < tiny) c = tiny
      d = 1 / d
      h *= d * c
    }
    if (Math.abs(d * c - 1) < 1e-15) break
  }
  return h
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(
    lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  )
  // The fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b
}

/** Two-sided p-value of Student's t with df degrees of freedom: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, ½). */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0
  return incompleteBeta(df / (df + t * t), df / 2, 0.5)
}

/** The t with P(|T| ≥ t) = p, by bisection on the monotone two-sided tail (p = 0.05 → t.975). */
export function studentQuantile(p: number, df: number): number {
  let lo = 0
  let hi = 1
  while (studentTwoSided(hi, df) > p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2
    if (studentTwoSided(mid, df) > p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * Wilson score interval of a proportion x/n (Wilson 1927): centre (p + z²/2n)/(1 + z²/n), half
 * width z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n). Null when n = 0.
 */
export function wilson(x: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n === 0) return null
  const p = x / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * Benjamini–Hochberg (1995) step-up control of the false discovery rate at level q over m
 * p-values: sort ascending, reject the hypotheses up to the largest rank k with p₍ₖ₎ ≤ k·q/m.
 * `adjusted` are the BH-adjusted p-values (q-values): min over j ≥ i of p₍ⱼ₎·m/j, capped at 1,
 * in the input's order; a hypothesis is rejected exactly when its adjusted value is ≤ q.
 * https://doi.org/10.1111/j.2517-6161.1995.tb02031.x
 */
export function benjaminiHochberg(
  pValues: readonly number[],
  q: number,
): { adjusted: number[]; rejected: boolean[] } {
  const m = pValues.length
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p)
  const adjusted = new Array<number>(m)
  let running = 1
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]
    running = Math.min(running, (p * m) / rank)
    adjusted[i] = running
  }
  return { adjusted, rejected: adjusted.map((a) => a <= q) }
}
