import { describe, expect, it } from 'vitest'
import { acceptLanguages } from '../../../worker/lib/accept-language'

describe('acceptLanguages', () => {
  it('orders tags by weight, equal weights in the order given', () => {
    expect(acceptLanguages('en;q=0.5, da, nb;q=0.9, sv')).toEqual(['da', 'sv', 'nb', 'en'])
  })

  it('drops q=0, the wildcard, empty parts and weights that are not numbers', () => {
    expect(acceptLanguages('de;q=0, *, , fr;q=abc, nl;q=0.1')).toEqual(['nl'])
  })

  it('answers nothing for no header', () => {
    expect(acceptLanguages(undefined)).toEqual([])
  })
})
