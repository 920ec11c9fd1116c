import { describe, expect, it } from 'vitest'
import type { Themes } from '../../../schema/themes'
import { themeRows } from '../../../dashboard/lib/themes'
import { previousWindow } from '../../../schema/window'

const answer = (reasons: number, themes: [string, number, number][]): Themes => ({
  surveyId: 'srv_1',
  from: null,
  to: null,
  touchpoint: null,
  category: null,
  reasons,
  themes: themes.map(([term, count, leanZ]) => ({
    term,
    count,
    share: Math.round((1000 * count) / reasons) / 10,
    lean: leanZ / 2,
    leanZ,
    examples: [],
  })),
})

describe('themes page figures', () => {
  it('compares with the window of the same length that ends the day before', () => {
    expect(previousWindow('2026-03-01', '2026-03-30')).toEqual({
      from: '2026-01-30',
      to: '2026-02-28',
    })
    expect(previousWindow('2026-12-04', '2026-12-04')).toEqual({
      from: '2026-12-03',
      to: '2026-12-03',
    })
  })

  it('flags a term as rising only when its growth in share is more than noise', () => {
    const now = answer(200, [
      ['damaged', 60, 3],
      ['late', 22, 0.5],
    ])
    const before = answer(200, [
      ['damaged', 20, 2.5],
      ['late', 18, 0.4],
    ])
    const [damaged, late] = themeRows(now, before)
    // 30 % against 10 %, n = 200 each: far beyond the Agresti–Caffo interval.
    expect(damaged).toMatchObject({ previousShare: 10, rising: true, leaning: 'negative' })
    // 11 % against 9 %: within the noise.
    expect(late).toMatchObject({ previousShare: 9, rising: false, leaning: 'none' })
  })

  it('counts a term missing before as 0 there, and says nothing about an empty previous window', () => {
    const now = answer(100, [['refund', 30, -2.5]])
    expect(themeRows(now, answer(100, []))[0]).toMatchObject({
      previousShare: 0,
      rising: true,
      leaning: 'positive',
    })
    expect(themeRows(now, answer(0, []))[0]).toMatchObject({ previousShare: null, rising: false })
  })
})
