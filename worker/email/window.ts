// The send window: the first instant at or after `instant + delay` whose local clock time, in the
// recipient's IANA time zone, lies inside the window on one of its weekdays. Intl only (the
// runtime's tz database), so summer time's gap and repeat are the zone's real ones.
import { minutesOfClock, WEEKDAYS, type SendWindow, type Weekday } from '../../schema/send-window'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

interface Wall {
  /** The local calendar day as a UTC day number (days since 1970-01-01). */
  day: number
  /** Minutes after local midnight, with seconds as a fraction. */
  minutes: number
  weekday: Weekday
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The local wall clock at `ms` as milliseconds of a UTC date with the same fields. */
function wallMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  // Years before 1 AD do not occur here; Date.UTC maps 0–99 to 1900s, so set the year apart.
  const d = new Date(Date.UTC(2000, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!))
  d.setUTCFullYear(p.year!)
  return d.getTime()
}

/** The zone's offset from UTC at `ms`, in milliseconds (whole seconds). */
const offsetAt = (ms: number, timeZone: string) =>
  wallMs(ms, timeZone) - Math.floor(ms / 1000) * 1000

export function wallClock(ms: number, timeZone: string): Wall {
  const w = wallMs(ms, timeZone) + (ms % 1000)
  const day = Math.floor(w / DAY_MS)
  // 1970-01-01 was a Thursday: index 3 in Monday-first order.
  return {
    day,
    minutes: (w - day * DAY_MS) / MINUTE_MS,
    weekday: WEEKDAYS[(((day + 3) % 7) + 7) % 7]!,
  }
}

/**
 * The instants whose local clock reads `minutes` on local `day`: one on most days, two in the
 * autumn repeat (earlier first), none in the spring gap — then the instant the gap ends, the
 * first one whose clock reads later than `minutes` that day.
 */
export function instantsOfWall(day: number, minutes: number, timeZone: string): number[] {
  const wall = day * DAY_MS + minutes * MINUTE_MS
  // Offsets in force a day either side cover every transition near this wall time.
  const offsets = new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)])
  const found = [...offsets]
    .map((o) => wall - o)
    .filter((ms) => offsetAt(ms, timeZone) === wall - ms)
    .sort((a, b) => a - b)
  if (found.length) return [...new Set(found)]
  // In the gap: the clock jumps past `wall` at the transition; find it to the minute (zones
  // change on whole minutes), between the two readings that bracket it.
  const [a, b] = [...offsets].map((o) => wall - o).sort((x, y) => x - y)
  let lo = Math.floor(a! / MINUTE_MS)
  let hi = Math.ceil(b! / MINUTE_MS)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (wallMs(mid * MINUTE_MS, timeZone) >= wall) hi = mid
    else lo = mid
  }
  return [hi * MINUTE_MS]
}

/** Whether the local clock at `ms` lies inside the window (days, from inclusive, to exclusive). */
export function insideWindow(ms: number, window: SendWindow, timeZone: string): boolean {
  const w = wallClock(ms, timeZone)
  return (
    window.days.includes(w.weekday) &&
    w.minutes >= minutesOfClock(window.from) &&
    w.minutes < minutesOfClock(window.to)
  )
}

/**
 * The instant near local `day` at which the zone's offset changes, if it changes within the
 * hours around that day (summer time changes are months apart, so there is at most one).
 */
function transitionNear(day: number, timeZone: string): number | undefined {
  let lo = Math.floor((day * DAY_MS - 16 * 3_600_000) / MINUTE_MS)
  let hi = Math.ceil(((day + 1) * DAY_MS + 16 * 3_600_000) / MINUTE_MS)
  const after = offsetAt(hi * MINUTE_MS, timeZone)
  if (offsetAt(lo * MINUTE_MS, timeZone) === after) return undefined
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (offsetAt(mid * MINUTE_MS, timeZone) === after) hi = mid
    else lo = mid
  }
  return hi * MINUTE_MS
}

/**
 * The first instant at or after `instant + delayMinutes` (elapsed time, not calendar time) that
 * lies inside `window` in `timeZone`. The clock enters a window where it reads `from` (in the
 * autumn repeat, at the first occurrence still ahead), where the spring gap ends past `from`, or
 * where the autumn repeat sets it back into the window: those are the candidates tried.
 */
export function nextInWindow(
  instant: Date,
  delayMinutes: number,
  window: SendWindow,
  timeZone: string,
): Date {
  const start = instant.getTime() + delayMinutes * MINUTE_MS
  if (insideWindow(start, window, timeZone)) return new Date(start)
  const from = minutesOfClock(window.from)
  const first = wallClock(start, timeZone).day
  let best: number | undefined
  let bestDay = Infinity
  // A week and a day reach every weekday again, even when a gap swallows one day's window.
  for (let day = first - 1; day <= first + 15 && day <= bestDay + 2; day++) {
    const transition = transitionNear(day, timeZone)
    const candidates = instantsOfWall(day, from, timeZone)
    if (transition !== undefined) candidates.push(transition)
    for (const ms of candidates) {
      if (ms >= start && (best === undefined || ms < best) && insideWindow(ms, window, timeZone)) {
        best = ms
        bestDay = day
      }
    }
  }
  if (best === undefined) throw new Error('a send window with no instant in 15 days')
  return new Date(best)
}
