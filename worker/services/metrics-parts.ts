// The pieces a metrics answer is made of, from folded buckets: figures with their distribution,
// response rates, and the windows a comparison needs. Pure functions over rollup reads.
import { DAY_MS, type SurveyKind } from '../../schema/constants'
import type { TimeGroup } from '../../schema/metrics'
import {
  addTally,
  distributionOf,
  emptyTally,
  cesFigures,
  csatFigures,
  npsFigures,
  share,
  type Tally,
} from '../../schema/scoring'
import { addReach, emptyReach, type Bucket, type Reach } from '../db/rollups'

/** The ISO week (Monday to Sunday) of a UTC day, keyed by its Monday. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`)
  const sinceMonday = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10)
}

export const bucketKey: Record<TimeGroup, (day: string) => string> = {
  day: (day) => day,
  week: weekOf,
  month: (day) => day.slice(0, 7),
}

export interface Folded {
  key: string | null
  tally: Tally
  reach: Reach
}

/** Buckets folded by key; keys sorted as strings, with null (no touchpoint) first. */
export function fold(buckets: Bucket[], keyOf: (k: string) => string | null): Folded[] {
  const byKey = new Map<string | null, Folded>()
  for (const b of buckets) {
    const key = keyOf(b.key)
    const into = byKey.get(key) ?? { key, tally: emptyTally(), reach: emptyReach() }
    byKey.set(key, {
      key,
      tally: addTally(into.tally, b.tally),
      reach: addReach(into.reach, b.reach),
    })
  }
  return [...byKey.values()].sort(({ key: a }, { key: b }) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1,
  )
}

/** All buckets in one: the window's totals. */
export function totalOf(buckets: Bucket[]): { tally: Tally; reach: Reach } {
  return {
    tally: buckets.reduce((t, b) => addTally(t, b.tally), emptyTally()),
    reach: buckets.reduce((r, b) => addReach(r, b.reach), emptyReach()),
  }
}

/** The spec's figures per kind, with the distribution they come from; each typed as its own
 * kind's figures, so a metrics answer built from one is that kind's variant, without a cast. */
export const KIND_FIGURES = {
  nps: (t: Tally) => ({
    ...npsFigures(t.positive, t.neutral, t.negative),
    distribution: distributionOf('nps', t),
  }),
  ces: (t: Tally) => ({ ...cesFigures(t), distribution: distributionOf('ces', t) }),
  csat: (t: Tally) => ({ ...csatFigures(t), distribution: distributionOf('csat', t) }),
} satisfies Record<SurveyKind, (t: Tally) => object>

/** Widget answers per display and link answers per invitation, in %. */
export function reachOf(r: Reach) {
  return {
    shown: r.shown,
    responseRate: share(r.widget, r.shown),
    invited: r.invited,
    linkResponseRate: share(r.link, r.invited),
  }
}

export { previousWindow } from '../../schema/window'
