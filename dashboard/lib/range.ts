// The overview's window: last 30/90/365 days or a custom one, as inclusive UTC days.
export const RANGES = ['30', '90', '365', 'custom'] as const
export type Range = (typeof RANGES)[number]

const DAY = 86_400_000
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

export interface Window {
  range: Range
  from: string
  to: string
}

export function windowOf(q: URLSearchParams, now = Date.now()): Window {
  const r = q.get('range')
  const range: Range = (RANGES as readonly string[]).includes(r ?? '') ? (r as Range) : '90'
  if (range === 'custom') {
    const valid = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)
    return {
      range,
      from: valid(q.get('from')) ?? iso(now - 89 * DAY),
      to: valid(q.get('to')) ?? iso(now),
    }
  }
  return { range, from: iso(now - (Number(range) - 1) * DAY), to: iso(now) }
}
