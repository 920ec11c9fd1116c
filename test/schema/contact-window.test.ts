import { describe, expect, it } from 'vitest'
import { contactWindowDays } from '../../schema/contact-window'

describe('contactWindowDays', () => {
  it("is the longer of the survey's throttleDays and the cooldown, the survey's own cooldown first", () => {
    expect(contactWindowDays({ throttleDays: 90, cooldownDays: null }, 14)).toBe(90)
    expect(contactWindowDays({ throttleDays: 0, cooldownDays: null }, 14)).toBe(14)
    expect(contactWindowDays({ throttleDays: 0, cooldownDays: 30 }, 14)).toBe(30)
    expect(contactWindowDays({ throttleDays: 7, cooldownDays: 0 }, 14)).toBe(7)
    expect(contactWindowDays({ throttleDays: 0, cooldownDays: 0 }, 14)).toBe(0)
  })
})
