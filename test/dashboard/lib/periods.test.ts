import { describe, expect, it } from 'vitest'
import { bucketDays, marksOf } from '../../../dashboard/lib/periods'

const window = { from: '2026-09-06', to: '2026-12-04' }

describe('trend points to read with care', () => {
  it('knows the days of a week and of a month, leap years included', () => {
    expect(bucketDays('2026-11-30', 'week')).toEqual({ first: '2026-11-30', last: '2026-12-06' })
    expect(bucketDays('2028-02', 'month')).toEqual({ first: '2028-02-01', last: '2028-02-29' })
    expect(bucketDays('2026-10-01', 'day')).toEqual({ first: '2026-10-01', last: '2026-10-01' })
  })

  it('marks the first and last weeks the window cuts, not the whole ones between', () => {
    expect(marksOf('2026-08-31', 120, 'week', window)).toEqual(['partial'])
    expect(marksOf('2026-10-05', 120, 'week', window)).toEqual([])
    expect(marksOf('2026-11-30', 120, 'week', window)).toEqual(['partial'])
    expect(marksOf('2026-12', 120, 'month', window)).toEqual(['partial'])
    expect(marksOf('2026-10', 120, 'month', window)).toEqual([])
    expect(marksOf('2026-09-06', 120, 'day', window)).toEqual([])
  })

  it('marks a period with fewer than 30 answers, never an empty one', () => {
    expect(marksOf('2026-10-05', 29, 'week', window)).toEqual(['few'])
    expect(marksOf('2026-10-05', 30, 'week', window)).toEqual([])
    expect(marksOf('2026-11-30', 3, 'week', window)).toEqual(['partial', 'few'])
  })
})
