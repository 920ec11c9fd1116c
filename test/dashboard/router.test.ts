import { describe, expect, it } from 'vitest'
import { match, withQuery } from '../../dashboard/lib/router'
import { windowOf } from '../../dashboard/lib/range'

describe('dashboard URLs', () => {
  it('matches deep links with their parameters, decoded', () => {
    expect(match('/customers/:id', '/customers/cus%2042')).toEqual({ id: 'cus 42' })
    expect(match('/customers/:id', '/customers')).toBeNull()
    expect(match('/surveys/:id', '/customers/x')).toBeNull()
  })

  it('changes one query parameter and keeps the others', () => {
    const q = new URLSearchParams('survey=srv_1&range=30')
    expect(withQuery(q, { range: '90' })).toBe('?survey=srv_1&range=90')
    expect(withQuery(q, { range: undefined })).toBe('?survey=srv_1')
  })

  it('reads the window as inclusive UTC days: last 30 days ends today', () => {
    const now = Date.parse('2026-11-24T12:00:00Z')
    expect(windowOf(new URLSearchParams('range=30'), now)).toEqual({
      range: '30',
      from: '2026-10-26',
      to: '2026-11-24',
    })
    expect(windowOf(new URLSearchParams('range=bogus'), now).range).toBe('90')
    expect(
      windowOf(new URLSearchParams('range=custom&from=2026-01-01&to=2026-02-01'), now),
    ).toMatchObject({ from: '2026-01-01', to: '2026-02-01' })
  })
})
