import { describe, expect, it } from 'vitest'
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../../schema/constants'
import { parseSchedule, retryDelay } from '../../../worker/outbound/retry'

describe('the retry schedule', () => {
  it('is the Standard Webhooks one unless overridden', () => {
    expect(parseSchedule(undefined)).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000])
    expect(parseSchedule('0, 1,1')).toEqual([0, 1, 1])
  })

  it('ignores an override it cannot trust (negative, fractional, over 12 h, garbage)', () => {
    for (const bad of ['-1,1', '0,1.5', '0,43201', 'soon', '0,,1'])
      expect(parseSchedule(bad), bad).toBe(WEBHOOK_RETRY_SCHEDULE_S)
  })

  it('gives the delay after each failed attempt, and none after the last', () => {
    const s = WEBHOOK_RETRY_SCHEDULE_S
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, s))).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 36000,
    ])
    expect(retryDelay(8, s)).toBeUndefined()
  })
})
