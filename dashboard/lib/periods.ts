// Which trend points a manager should read with care: a period the window covers only in part
// (the first week or month starts before `from`, the last ends after `to`), and a period with
// fewer than 30 answers (LOW_SAMPLE: its interval is wide). Pure, for the unit tests.
import { LOW_SAMPLE } from '../../schema/scoring'

export type Group = 'day' | 'week' | 'month'
export type Mark = 'partial' | 'few'

const DAY = 86_400_000
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

/** First and last UTC day of the bucket a key names: a day, a Monday (week) or YYYY-MM. */
export function bucketDays(key: string, group: Group): { first: string; last: string } {
  if (group === 'day') return { first: key, last: key }
  if (group === 'week') return { first: key, last: iso(Date.parse(key) + 6 * DAY) }
  const [y, m] = key.split('-').map(Number)
  return { first: `${key}-01`, last: iso(Date.UTC(y, m, 0)) }
}

/** The marks of one trend point, given the window (inclusive UTC days) and its answers. */
export function marksOf(
  key: string,
  n: number,
  group: Group,
  window: { from: string; to: string },
): Mark[] {
  const { first, last } = bucketDays(key, group)
  const marks: Mark[] = []
  if (first < window.from || last > window.to) marks.push('partial')
  if (n > 0 && n < LOW_SAMPLE) marks.push('few')
  return marks
}
