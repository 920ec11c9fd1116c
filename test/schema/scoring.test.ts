import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SCALES, SURVEY_KINDS } from '../../schema/constants'
import {
  cesFigures,
  classify,
  csatFigures,
  isValidScore,
  npsFigures,
  round,
  tallyScores,
} from '../../schema/scoring'

describe('NPS figures', () => {
  it('match the spec worked example: n=200, P=100, D=40 → 30.0, ±10.8, [18.8, 40.3]', () => {
    const f = npsFigures(100, 60, 40)
    expect(f).toMatchObject({ total: 200, nps: 30, marginOfError: 10.8, lowSample: false })
    expect(f.ci95).toEqual({ low: 18.8, high: 40.3 })
  })

  it('are null, not zero, when nobody answered', () => {
    expect(npsFigures(0, 0, 0)).toMatchObject({
      total: 0,
      nps: null,
      marginOfError: null,
      ci95: null,
    })
  })

  it('flag a sample under 30 as low', () => {
    expect(npsFigures(10, 9, 10).lowSample).toBe(true)
    expect(npsFigures(10, 10, 10).lowSample).toBe(false)
  })

  it('stay within [-100, 100] with a ci95 that contains its own centre', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.nat(5000), (p, n, d) => {
        fc.pre(p + n + d > 0)
        const f = npsFigures(p, n, d)
        const total = p + n + d
        expect(f.nps!).toBeGreaterThanOrEqual(-100)
        expect(f.nps!).toBeLessThanOrEqual(100)
        expect(f.nps).toBe(round((100 * (p - d)) / total, 1))
        const centre = 100 * ((p + 0.75) / (total + 3) - (d + 0.75) / (total + 3))
        expect(f.ci95!.low).toBeLessThanOrEqual(round(centre, 1))
        expect(f.ci95!.high).toBeGreaterThanOrEqual(round(centre, 1))
        expect(f.ci95!.low).toBeGreaterThanOrEqual(-100)
        expect(f.ci95!.high).toBeLessThanOrEqual(100)
        expect(f.marginOfError!).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  it('narrow as the sample grows with the same shares', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (p, n, d) => {
          const small = npsFigures(p, n, d)
          const big = npsFigures(p * 10, n * 10, d * 10)
          expect(big.marginOfError!).toBeLessThanOrEqual(small.marginOfError!)
        },
      ),
    )
  })
})

describe('classification', () => {
  it('puts NPS 9–10 in promoters, 7–8 in passives, 0–6 in detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => classify('nps', s))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })

  it('puts CES 5–7 in easy, 4 in neutral, 1–3 in difficult', () => {
    expect([1, 3, 4, 5, 7].map((s) => classify('ces', s))).toEqual([
      'difficult',
      'difficult',
      'neutral',
      'easy',
      'easy',
    ])
  })

  it('puts CSAT 4–5 in satisfied, 3 in neutral, 1–2 in unsatisfied', () => {
    expect([1, 2, 3, 4, 5].map((s) => classify('csat', s))).toEqual([
      'unsatisfied',
      'unsatisfied',
      'neutral',
      'satisfied',
      'satisfied',
    ])
  })

  it('refuses scores off each scale, fractions included', () => {
    for (const kind of SURVEY_KINDS) {
      const { min, max } = SCALES[kind]
      expect(isValidScore(kind, min - 1)).toBe(false)
      expect(isValidScore(kind, max + 1)).toBe(false)
      expect(isValidScore(kind, min + 0.5)).toBe(false)
      expect(() => classify(kind, max + 1)).toThrow(RangeError)
    }
  })
})

describe('CES and CSAT figures', () => {
  it('report the CES mean with two decimals and the easy share with one', () => {
    const f = cesFigures(tallyScores('ces', [7, 6, 4, 2, 5, 5]))
    expect(f).toEqual({
      total: 6,
      average: 4.83,
      easy: 4,
      neutral: 1,
      difficult: 1,
      easyShare: 66.7,
    })
  })

  it('report CSAT as the top-2-box share, not the mean alone', () => {
    const f = csatFigures(tallyScores('csat', [5, 4, 3, 1]))
    expect(f).toEqual({ total: 4, average: 3.25, satisfied: 2, satisfiedShare: 50 })
  })

  it('agree with a direct count for any list of scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 300 }), (scores) => {
        const f = cesFigures(tallyScores('ces', scores))
        expect(f.total).toBe(scores.length)
        expect(f.easy + f.neutral + f.difficult).toBe(scores.length)
        expect(f.easy).toBe(scores.filter((s) => s >= 5).length)
        if (scores.length)
          expect(f.average).toBe(round(scores.reduce((a, b) => a + b, 0) / scores.length, 2))
        else expect(f.average).toBeNull()
      }),
    )
  })
})
