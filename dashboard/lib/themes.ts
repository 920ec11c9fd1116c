// What the themes page derives from two GET /v1/themes answers (this window and the one before):
// whether a term is rising, and whether its lean is more than noise. Pure, for the unit tests.
import type { Themes } from '../../schema/themes'
import { compareShares } from '../../schema/compare'
import { emptyTally } from '../../schema/scoring'
import { Z95 } from '../../schema/stats'

export type Theme = Themes['themes'][number]

export interface ThemeRow extends Theme {
  /** Share in the previous window of the same length, in %; null when it had no reasons. */
  previousShare: number | null
  /** The share grew and the Agresti–Caffo 95 % interval of the growth excludes 0. */
  rising: boolean
  /** 'negative' / 'positive' when |leanZ| ≥ 1.96, else 'none' (could be noise). */
  leaning: 'negative' | 'positive' | 'none'
}

const tally = (mentions: number, reasons: number) => ({
  ...emptyTally(),
  total: reasons,
  positive: mentions,
})

/** The current themes with their previous share, rising flag and lean verdict. */
export function themeRows(current: Themes, previous: Themes | undefined): ThemeRow[] {
  const before = new Map(previous?.themes.map((t) => [t.term, t.count]))
  return current.themes.map((t) => {
    const was = before.get(t.term) ?? 0
    const change =
      previous && previous.reasons > 0
        ? compareShares(tally(was, previous.reasons), tally(t.count, current.reasons))
        : null
    return {
      ...t,
      previousShare: previous?.reasons ? Math.round((1000 * was) / previous.reasons) / 10 : null,
      rising: !!change?.significant && (change.delta ?? 0) > 0,
      leaning: t.leanZ >= Z95 ? 'negative' : t.leanZ <= -Z95 ? 'positive' : 'none',
    }
  })
}
