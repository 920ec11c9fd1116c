import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FieldError } from '../../../schema/problem'
import { zodProblems } from '../../../worker/lib/problem'

describe('zodProblems', () => {
  it('keeps every errors[].path within its documented 200 characters, however long the key', () => {
    const schema = z.record(z.string().max(40), z.string())
    const r = schema.safeParse({ ['k'.repeat(5000)]: 'v', [`${'é'.repeat(300)}`]: 1 })
    expect(r.success).toBe(false)
    const errors = zodProblems(r.error!, 'query')
    expect(errors.length).toBeGreaterThan(0)
    for (const e of errors) {
      expect(e.path.length).toBeLessThanOrEqual(200)
      expect(FieldError.safeParse(e).success, JSON.stringify(e)).toBe(true)
    }
    expect(errors[0].path.startsWith('query.kkk')).toBe(true)
  })
})
