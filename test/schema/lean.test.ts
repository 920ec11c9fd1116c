// The weighted log-odds with an informative Dirichlet prior, against a value worked by hand.
import { describe, expect, it } from 'vitest'
import { leanOf } from '../../schema/lean'

describe('the lean of a term (Monroe, Colaresi & Quinn 2008)', () => {
  it('matches a value worked by hand', () => {
    // Window: 10 term occurrences in negative reasons, 20 in positive, 40 in all (10 neutral).
    // The term: 5 negative, 1 positive, 7 in all → α_w = 7, α₀ = 40.
    // ω_neg = ln((5 + 7)/(10 + 40 − 5 − 7)) = ln(12/38) = −1.152680
    // ω_pos = ln((1 + 7)/(20 + 40 − 1 − 7)) = ln(8/52) = −1.871802
    // δ = 0.719123, σ² = 1/12 + 1/8 = 0.208333, z = 0.719123/0.456435 = 1.575519.
    const lean = leanOf(
      { negative: 5, positive: 1, all: 7 },
      { negative: 10, positive: 20, all: 40 },
    )
    expect(lean.logOdds).toBeCloseTo(0.7191227, 6)
    expect(lean.z).toBeCloseTo(1.5755188, 6)
  })

  it('is antisymmetric: swapping the sides flips the sign', () => {
    const a = leanOf({ negative: 5, positive: 1, all: 7 }, { negative: 10, positive: 20, all: 40 })
    const b = leanOf({ negative: 1, positive: 5, all: 7 }, { negative: 20, positive: 10, all: 40 })
    expect(b.logOdds).toBeCloseTo(-a.logOdds, 12)
    expect(b.z).toBeCloseTo(-a.z, 12)
  })

  it('shrinks a rare term towards no lean more than a frequent one with the same rates', () => {
    const totals = { negative: 100, positive: 100, all: 200 }
    const rare = leanOf({ negative: 2, positive: 0, all: 2 }, totals)
    const frequent = leanOf({ negative: 20, positive: 0, all: 20 }, totals)
    expect(rare.z).toBeGreaterThan(0)
    expect(frequent.z).toBeGreaterThan(rare.z)
  })

  it('has no lean when nothing contrasts (the only term, or no occurrences)', () => {
    expect(
      leanOf({ negative: 3, positive: 0, all: 3 }, { negative: 3, positive: 0, all: 3 }),
    ).toEqual({
      logOdds: 0,
      z: 0,
    })
    expect(
      leanOf({ negative: 0, positive: 0, all: 0 }, { negative: 5, positive: 5, all: 10 }),
    ).toEqual({ logOdds: 0, z: 0 })
  })
})
