import { describe, expect, it } from 'vitest'
import { benjaminiHochberg } from '../../schema/stats'

// The worked example of Benjamini & Hochberg (1995), §4.1: 15 p-values of a clinical study; at
// q = 0.05 the procedure rejects the four smallest (p ≤ 0.0095), where Bonferroni keeps three.
const EXAMPLE = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
  0.6528, 0.759, 1.0,
]

describe('Benjamini–Hochberg', () => {
  it('rejects the four smallest of the paper’s worked example at q = 0.05', () => {
    const { rejected } = benjaminiHochberg(EXAMPLE, 0.05)
    expect(rejected.filter(Boolean)).toHaveLength(4)
    expect(rejected.slice(0, 4)).toEqual([true, true, true, true])
  })

  it('adjusts each p-value to the smallest p₍ⱼ₎·m/j at or above its rank, in the input order', () => {
    const shuffled = [EXAMPLE[4], EXAMPLE[0], EXAMPLE[3], EXAMPLE[2], EXAMPLE[1]]
    const { adjusted } = benjaminiHochberg(shuffled, 0.05)
    // m = 5, sorted 0.0001, 0.0004, 0.0019, 0.0095, 0.0201 → ·5/1, ·5/2, ·5/3, ·5/4, ·5/5.
    const expected = [0.0201, 0.0005, 0.011875, 0.0031667, 0.001]
    adjusted.forEach((a, i) => expect(a).toBeCloseTo(expected[i], 6))
  })

  it('never adjusts above 1 and keeps ties together', () => {
    const { adjusted, rejected } = benjaminiHochberg([0.9, 0.9, 0.04], 0.1)
    expect(adjusted.map((a) => Number(a.toFixed(6)))).toEqual([0.9, 0.9, 0.12])
    expect(rejected).toEqual([false, false, false])
    expect(benjaminiHochberg([], 0.1)).toEqual({ adjusted: [], rejected: [] })
  })
})
