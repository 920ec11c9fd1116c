import { describe, expect, it } from 'vitest'
import { dueAt } from '../../../worker/loop/deadline'

const copenhagen = { timeZone: 'Europe/Copenhagen', days: [1, 2, 3, 4, 5], start: 9, end: 17 }

describe('the deadline clock', () => {
  it('counts calendar hours when there are no business hours', () => {
    expect(dueAt(new Date('2026-12-04T10:00:00Z'), 48, null).toISOString()).toBe(
      '2026-12-06T10:00:00.000Z',
    )
  })

  it('counts only open hours, local to the time zone, and skips the weekend', () => {
    // Friday 4 December 2026, 15:00 in Copenhagen (UTC+1): 2 hours left on Friday, then Monday
    // 9:00–17:00 gives 8, Tuesday 6 more: due Tuesday 15:00 local = 14:00 UTC.
    expect(dueAt(new Date('2026-12-04T14:00:00Z'), 16, copenhagen).toISOString()).toBe(
      '2026-12-08T14:00:00.000Z',
    )
  })

  it('starts the clock at the next opening when the answer comes at night', () => {
    // Tuesday 02:30 local: the first hour runs 9:00–10:00 local (08:00–09:00 UTC).
    expect(dueAt(new Date('2026-12-08T01:30:00Z'), 1, copenhagen).toISOString()).toBe(
      '2026-12-08T09:00:00.000Z',
    )
  })
})
