// The comparison formulas against values worked by hand. Each case states its source; every
// hand-worked figure was cross-checked with scipy 1.17 (stats.norm, stats.t, stats.ttest_ind).
import { describe, expect, it } from 'vitest'
import { compareMeans, compareNps, compareShares, compareTallies } from '../../schema/compare'
import { tallyScores } from '../../schema/scoring'
import { normalTwoSided, studentQuantile, studentTwoSided, wilson } from '../../schema/stats'

const nps = (promoters: number, passives: number, detractors: number) =>
  tallyScores('nps', [
    ...Array(promoters).fill(10),
    ...Array(passives).fill(8),
    ...Array(detractors).fill(3),
  ])

describe('the distributions behind the tests', () => {
  it('give the two-sided normal p-values of a z table', () => {
    // Standard normal table: P(|Z| ≥ 1.96) = 0.0500, P(|Z| ≥ 3) = 0.0027, P(|Z| ≥ 0.5) = 0.6171.
    expect(normalTwoSided(1.96)).toBeCloseTo(0.04999579, 7)
    expect(normalTwoSided(-3)).toBeCloseTo(0.0026998, 7)
    expect(normalTwoSided(0.5)).toBeCloseTo(0.6170751, 7)
    expect(normalTwoSided(0)).toBeCloseTo(1, 12)
  })

  it("give the 97.5 % quantiles of Student's t table", () => {
    // t table (two-sided 0.05): df 1 → 12.706, df 10 → 2.228, df 30 → 2.042.
    expect(studentQuantile(0.05, 1)).toBeCloseTo(12.7062047, 5)
    expect(studentQuantile(0.05, 10)).toBeCloseTo(2.2281389, 6)
    expect(studentQuantile(0.05, 30)).toBeCloseTo(2.0422725, 6)
    // Fractional df, as Welch–Satterthwaite gives: scipy t.ppf(0.975, 4.5) = 2.6589123.
    expect(studentQuantile(0.05, 4.5)).toBeCloseTo(2.6589123, 6)
    // P(|T| ≥ 2) with df 10: scipy 2·t.sf(2, 10) = 0.0733880.
    expect(studentTwoSided(2, 10)).toBeCloseTo(0.073388, 6)
  })

  it('give the Wilson interval of 3 in 10', () => {
    // By hand: p = 0.3, z² = 3.8416, centre = (0.3 + 0.19208)/1.38416 = 0.355508,
    // half = 1.96·√(0.021 + 0.009604)/1.38416 = 0.247719 → [0.10779, 0.60323].
    const ci = wilson(3, 10)!
    expect(ci.low).toBeCloseTo(0.1077893, 6)
    expect(ci.high).toBeCloseTo(0.6032268, 6)
    expect(wilson(0, 0)).toBeNull()
    expect(wilson(0, 10)!.low).toBe(0)
  })
})

describe('comparing two windows', () => {
  it('takes the difference of two adjusted-Wald NPS (spec formula, worked by hand)', () => {
    // Before: the spec's example, n 200, P 100, D 40 → n' 203, p' = 100.75/203 = 0.496305,
    // d' = 40.75/203 = 0.200739, centre 0.295567, v = (0.697044 − 0.087359)/203 = 0.0030034.
    // After: n 100, P 60, D 20 → n' 103, p' = 0.589806, d' = 0.201456, centre 0.388350,
    // v = (0.791262 − 0.150816)/103 = 0.0062179.
    // delta = 100·(0.388350 − 0.295567) = 9.28; se = 100·√0.0092213 = 9.6028;
    // ci95 = 9.28 ± 18.82 = [−9.5, 28.1]; z = 0.9662 → p = 0.3339.
    const c = compareNps(nps(100, 60, 40), nps(60, 20, 20))
    expect(c).toEqual({
      delta: 9.3,
      ci95: { low: -9.5, high: 28.1 },
      pValue: 0.3339,
      significant: false,
      lowSample: false,
    })
  })

  it("compares small CES samples by Welch's t (worked by hand)", () => {
    // Before 7, 6, 6, 5, 4: mean 5.6, s² 1.3. After 3, 4, 2, 5, 3, 4: mean 3.5, s² 1.1.
    // se = √(1.3/5 + 1.1/6) = 0.665833; df = 0.443333²/(0.26²/4 + 0.183333²/5) = 8.3203;
    // t.975(8.32) = 2.29064 → −2.1 ± 1.52519 = [−3.63, −0.57]; t = −3.1539, p = 0.0129
    // (scipy ttest_ind(after, before, equal_var=False): statistic −3.15394, p 0.012862).
    const c = compareMeans(
      tallyScores('ces', [7, 6, 6, 5, 4]),
      tallyScores('ces', [3, 4, 2, 5, 3, 4]),
    )
    expect(c).toEqual({
      delta: -2.1,
      ci95: { low: -3.63, high: -0.57 },
      pValue: 0.0129,
      significant: true,
      lowSample: true,
    })
  })

  it('uses the normal approximation for CES when both sides have 30 or more', () => {
    // Before 10 × 7, 10 × 6, 10 × 5, 10 × 3: mean 5.25, s² 2.24359. After 15 × 7, 10 × 6,
    // 10 × 5, 5 × 4: mean 5.875, s² 1.13782. se = √(2.24359/40 + 1.13782/40) = 0.290749;
    // 0.625 ± 1.96·0.290749 = [0.06, 1.19]; z = 2.1496 → p = 0.0316.
    const before = [...Array(10).fill(7), ...Array(10).fill(6), ...Array(10).fill(5)]
    const c = compareMeans(
      tallyScores('ces', [...before, ...Array(10).fill(3)]),
      tallyScores('ces', [
        ...Array(15).fill(7),
        ...Array(10).fill(6),
        ...Array(10).fill(5),
        ...Array(5).fill(4),
      ]),
    )
    expect(c).toEqual({
      delta: 0.63,
      ci95: { low: 0.06, high: 1.19 },
      pValue: 0.0316,
      significant: true,
      lowSample: false,
    })
  })

  it('compares CSAT satisfied shares Agresti–Caffo adjusted (worked by hand)', () => {
    // Before 40 of 50 satisfied → p̃ = 41/52 = 0.788462; after 30 of 50 → p̃ = 31/52 = 0.596154.
    // se = √(0.788462·0.211538/52 + 0.596154·0.403846/52) = 0.088529;
    // delta = −19.2 points, ci95 = −19.23 ± 17.35 = [−36.6, −1.9]; z = −2.1723 → p = 0.0298.
    const csat = (satisfied: number, n: number) =>
      tallyScores('csat', [...Array(satisfied).fill(5), ...Array(n - satisfied).fill(2)])
    expect(compareShares(csat(40, 50), csat(30, 50))).toEqual({
      delta: -19.2,
      ci95: { low: -36.6, high: -1.9 },
      pValue: 0.0298,
      significant: true,
      lowSample: false,
    })
  })

  it('answers null, not a guess, when a side has no answers', () => {
    for (const kind of ['nps', 'ces', 'csat'] as const) {
      const c = compareTallies(kind, tallyScores(kind, []), tallyScores(kind, [5]))
      expect(c).toEqual({
        delta: null,
        ci95: null,
        pValue: null,
        significant: false,
        lowSample: true,
      })
    }
    // One CES answer on a side: a difference of means, but no variance to test it with.
    expect(compareMeans(tallyScores('ces', [5]), tallyScores('ces', [7, 6]))).toMatchObject({
      delta: 1.5,
      ci95: null,
      pValue: null,
      significant: false,
    })
  })
})
