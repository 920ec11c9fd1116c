// Never repeats: after an answer or a dismissal this browser is not asked again for throttleDays.
// (Never asked: time 0, over 50 years ago, longer than the longest throttle of 3,650 days.)
// Sampling is decided once per browser and survey, so a visitor is in the sample or not, whatever
// the number of page views (a per-view coin would reach almost everyone on a busy site).
import type { PublicSurvey } from './types'
import { read, write } from './storage'

type Survey = Pick<PublicSurvey, 'id' | 'throttleDays' | 'sampleRate'>

export const contacted = (s: Survey) => write('kp:t:' + s.id, Date.now())

// 864e5 is schema/constants' DAY_MS, written out: importing that module would bring its
// top-level code into the loader, over its gzip budget (test/widget/budget.test.ts).
export const throttled = (s: Survey) =>
  Date.now() - (read<number>('kp:t:' + s.id) ?? 0) < s.throttleDays * 864e5

export function sampled(s: Survey): boolean {
  let r = read<number>('kp:r:' + s.id)
  if (r == null) write('kp:r:' + s.id, (r = Math.random()))
  return r < s.sampleRate
}
