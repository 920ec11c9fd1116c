// The deadline clock: `hours` after an answer, counted on the calendar or, when the project keeps
// business hours, only inside them (local to their time zone).
import type { BusinessHours } from '../../schema/follow-up'

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The local weekday (ISO, 1 = Monday) and minute of the day of an instant in a time zone. */
function localClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return { day: WEEKDAY[get('weekday')], minute: Number(get('hour')) * 60 + Number(get('minute')) }
}

/**
 * When a follow-up is due. With business hours the clock moves in steps of at most an hour to
 * the next local boundary, so a week of closed hours costs ~170 steps; 720 business hours (the
 * settings' maximum) over a one-hour-a-week window stays bounded by `maxSteps`.
 * Across a daylight-saving change inside open hours the count may be off by that hour.
 */
export function dueAt(start: Date, hours: number, business: BusinessHours | null): Date {
  if (!business) return new Date(start.getTime() + hours * HOUR_MS)
  let left = hours * 60
  // Whole minutes: the local clock has minute resolution.
  let t = Math.ceil(start.getTime() / MINUTE_MS) * MINUTE_MS
  const open = business.start * 60
  const close = business.end * 60
  for (let step = 0; step < 100_000 && left > 0; step++) {
    const { day, minute } = localClock(new Date(t), business.timeZone)
    if (business.days.includes(day) && minute >= open && minute < close) {
      const use = Math.min(left, close - minute)
      left -= use
      t += use * MINUTE_MS
    } else {
      // To the next local hour boundary (or the opening minute, if sooner).
      const toHour = 60 - (minute % 60)
      const toOpen = minute < open ? open - minute : toHour
      t += Math.min(toHour, toOpen) * MINUTE_MS
    }
  }
  return new Date(t)
}
