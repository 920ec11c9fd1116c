// The trigger's path pattern: `*` is a wildcard, every other character is literal.
import { describe, expect, it } from 'vitest'
import { pathMatches } from '../../../widget/lib/trigger'

describe('pathMatches', () => {
  it('matches the whole path, with * for any characters', () => {
    expect(pathMatches(undefined, '/anything')).toBe(true)
    expect(pathMatches('/checkout/*/done', '/checkout/42/done')).toBe(true)
    expect(pathMatches('/checkout/*/done', '/checkout/42/done/again')).toBe(false)
    expect(pathMatches('/checkout/*', '/checkout/')).toBe(true)
    expect(pathMatches('*', '/')).toBe(true)
  })

  it('takes every other character literally, regular expression syntax included', () => {
    const pattern = '/a.b/(x)+[y]{2}|z?^$\\d/ø-€/*'
    expect(pathMatches(pattern, '/a.b/(x)+[y]{2}|z?^$\\d/ø-€/1')).toBe(true)
    expect(pathMatches(pattern, '/aXb/(x)+[y]{2}|z?^$\\d/ø-€/1')).toBe(false)
    expect(pathMatches(pattern, '/a.b/xx[y]{2}|z?^$\\d/ø-€/1')).toBe(false)
    expect(pathMatches('/c😀/*', '/c😀/1')).toBe(true)
    expect(pathMatches('/c😀/*', '/c😁/1')).toBe(false)
  })
})
