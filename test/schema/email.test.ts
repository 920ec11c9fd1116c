import { describe, expect, it } from 'vitest'
import { TimeZone } from '../../schema/email'
import { normaliseEmail } from '../../worker/lib/email-address'

describe('TimeZone', () => {
  it.each(['Europe/Copenhagen', 'Europe/Oslo', 'America/New_York', 'UTC'])('accepts %s', (tz) => {
    expect(TimeZone.safeParse(tz).success).toBe(true)
  })
  it.each(['CET+1', '+01:00', 'Mars/Olympus', '', 'Europe/Copenhagen; DROP'])(
    'refuses %j',
    (tz) => {
      expect(TimeZone.safeParse(tz).success).toBe(false)
    },
  )
})

describe('normaliseEmail', () => {
  it('trims and lower-cases, keeping dots and tags', () => {
    expect(normaliseEmail(' A.B+news@Example.COM ')).toBe('a.b+news@example.com')
  })
})
