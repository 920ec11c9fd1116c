import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WEEKDAYS, type SendWindow } from '../../../schema/send-window'
import { insideWindow, instantsOfWall, nextInWindow, wallClock } from '../../../worker/email/window'

const WEEKDAYS_9_TO_5: SendWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
}
const EVERY_DAY = [...WEEKDAYS]
const at = (iso: string) => new Date(iso)
const next = (iso: string, delay: number, window: SendWindow, tz: string) =>
  nextInWindow(at(iso), delay, window, tz).toISOString()

describe('the send window', () => {
  it('sends at once when instant + delay already lies inside the window', () => {
    // Tuesday 2026-06-09 10:00 in Copenhagen (UTC+2) plus two hours: 12:00 local.
    expect(next('2026-06-09T08:00:00Z', 120, WEEKDAYS_9_TO_5, 'Europe/Copenhagen')).toBe(
      '2026-06-09T10:00:00.000Z',
    )
  })

  it('moves a Friday-evening delivery plus two days to Monday 09:00 local', () => {
    // Friday 2026-06-12 18:30 CEST + 2 days = Sunday 18:30 → Monday 2026-06-15 09:00 CEST.
    expect(next('2026-06-12T16:30:00Z', 2 * 1440, WEEKDAYS_9_TO_5, 'Europe/Copenhagen')).toBe(
      '2026-06-15T07:00:00.000Z',
    )
  })

  it('opens at 09:00 local on the Monday after the spring change (Copenhagen, Oslo)', () => {
    // Friday 2026-03-27 18:00 CET (UTC+1); summer time starts Sunday 29 March at 02:00.
    for (const tz of ['Europe/Copenhagen', 'Europe/Oslo'])
      expect(next('2026-03-27T17:00:00Z', 0, WEEKDAYS_9_TO_5, tz)).toBe('2026-03-30T07:00:00.000Z')
  })

  it('opens at 09:00 local on the Monday after the autumn change (New York)', () => {
    // Friday 2026-10-30 18:00 EDT (UTC-4); standard time returns Sunday 1 November → EST (UTC-5).
    expect(next('2026-10-30T22:00:00Z', 0, WEEKDAYS_9_TO_5, 'America/New_York')).toBe(
      '2026-11-02T14:00:00.000Z',
    )
  })

  it('counts the delay as elapsed time across the change, then keeps the window local', () => {
    // Saturday 2026-03-28 10:00 CET + 24 h = Sunday 11:00 CEST (a 23-hour day): inside an
    // every-day 09:00–17:00 window.
    expect(
      next('2026-03-28T09:00:00Z', 1440, { ...WEEKDAYS_9_TO_5, days: EVERY_DAY }, 'Europe/Oslo'),
    ).toBe('2026-03-29T09:00:00.000Z')
  })

  it('opens a window that starts in the spring gap when the gap ends', () => {
    // 02:30 does not exist on 2026-03-29 in Copenhagen: the clock reads 03:00 CEST at 01:00Z.
    const window = { days: EVERY_DAY, from: '02:30', to: '05:00' } satisfies SendWindow
    expect(next('2026-03-28T23:00:00Z', 0, window, 'Europe/Copenhagen')).toBe(
      '2026-03-29T01:00:00.000Z',
    )
    // New York: 2026-03-08 02:00 EST → 03:00 EDT at 07:00Z.
    expect(next('2026-03-08T05:00:00Z', 0, window, 'America/New_York')).toBe(
      '2026-03-08T07:00:00.000Z',
    )
  })

  it('skips a day whose whole window falls in the spring gap', () => {
    const window = { days: EVERY_DAY, from: '02:10', to: '02:50' } satisfies SendWindow
    // Next day 02:10 CEST = 00:10Z.
    expect(next('2026-03-28T23:00:00Z', 0, window, 'Europe/Copenhagen')).toBe(
      '2026-03-30T00:10:00.000Z',
    )
  })

  it('uses the repeated hour of the autumn change once, from its first occurrence', () => {
    // 2026-10-25 Copenhagen: 02:00–02:59 CEST (00:00Z–00:59Z), then again as CET (01:00Z–01:59Z).
    const window = { days: EVERY_DAY, from: '02:15', to: '02:45' } satisfies SendWindow
    expect(
      instantsOfWall(
        wallClock(Date.parse('2026-10-25T12:00:00Z'), 'UTC').day,
        135,
        'Europe/Copenhagen',
      ),
    ).toEqual([Date.parse('2026-10-25T00:15:00Z'), Date.parse('2026-10-25T01:15:00Z')])
    expect(next('2026-10-24T22:00:00Z', 0, window, 'Europe/Copenhagen')).toBe(
      '2026-10-25T00:15:00.000Z',
    )
    // After the first 02:15–02:45 has passed, the repeat opens it again at 02:15 CET.
    expect(next('2026-10-25T00:50:00Z', 0, window, 'Europe/Copenhagen')).toBe(
      '2026-10-25T01:15:00.000Z',
    )
  })

  it('enters a window where the autumn change sets the clock back into it', () => {
    // New York 2026-11-01: 01:59 EDT → 01:00 EST at 06:00Z; a 00:30–01:30 window is entered
    // again at the change, not at its next 00:30.
    const window = { days: EVERY_DAY, from: '00:30', to: '01:30' } satisfies SendWindow
    expect(next('2026-11-01T05:40:00Z', 0, window, 'America/New_York')).toBe(
      '2026-11-01T06:00:00.000Z',
    )
  })
})

// An oracle that cannot share the function's reasoning: scan forward in 5-minute steps. Windows
// below open and close on 5-minute clock times, and these zones change on whole hours, so the
// clock can only enter a window on a 5-minute UTC boundary.
function scan(startMs: number, window: SendWindow, tz: string): number {
  if (insideWindow(startMs, window, tz)) return startMs
  const step = 5 * 60_000
  for (let ms = Math.ceil(startMs / step) * step; ; ms += step)
    if (insideWindow(ms, window, tz)) return ms
}

const ZONES = ['Europe/Copenhagen', 'Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'UTC']
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const windowArb = fc
  .record({
    days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    a: fc.integer({ min: 0, max: 287 }),
    b: fc.integer({ min: 0, max: 287 }),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ days, a, b }) => ({
    days,
    from: clock(Math.min(a, b) * 5),
    to: clock(Math.max(a, b) * 5),
  }))
// Instants around the 2026 and 2027 changes, where mistakes live, and anywhere in 2026–2027.
const CHANGES = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2027-03-14', '2027-10-31']
const instantArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 1440, max: 2 * 1440 }))
    .map(([d, m]) => Date.parse(`${d}T00:00:00Z`) + m * 60_000 + 17_000),
  fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-12-31') }),
)

describe('the send window, as properties', () => {
  it('answers the first instant inside the window at or after instant + delay', () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.integer({ min: 0, max: 3 * 1440 }),
        windowArb,
        fc.constantFrom(...ZONES),
        (ms, delay, window, tz) => {
          const got = nextInWindow(new Date(ms), delay, window, tz).getTime()
          const start = ms + delay * 60_000
          expect(got).toBeGreaterThanOrEqual(start)
          expect(insideWindow(got, window, tz)).toBe(true)
          expect(got).toBe(scan(start, window, tz))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is at most eight days after instant + delay', () => {
    fc.assert(
      fc.property(instantArb, windowArb, fc.constantFrom(...ZONES), (ms, window, tz) => {
        const got = nextInWindow(new Date(ms), 0, window, tz).getTime()
        expect(got - ms).toBeLessThan(8 * 86_400_000)
      }),
      { numRuns: 200 },
    )
  })
})
