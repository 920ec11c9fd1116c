// Windows of inclusive UTC days ("2026-03-01" … "2026-03-30"), shared by the metrics API
// (compare=previous) and the dashboard (themes against the period before).
import { DAY_MS } from './constants'

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

/** The window of the same length that ends the day before `from`. */
export function previousWindow(from: string, to: string) {
  const length = dayNumber(to) - dayNumber(from) + 1
  return { from: dayOf(dayNumber(from) - length), to: dayOf(dayNumber(from) - 1) }
}
