import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FieldError } from '../../../schema/problem'
import { PROBLEM_CODES, PROBLEMS } from '../../../schema/problems'
import { ApiError, zodProblems } from '../../../worker/lib/problem'
import { call } from '../helpers'

describe('closed problem codes (schema/problems.ts)', () => {
  it('gives every code the status of its entry in PROBLEMS, in the thrown error and its answer', async () => {
    for (const code of PROBLEM_CODES) {
      const err = new ApiError(code, 'because')
      expect(err.status).toBe(PROBLEMS[code].status)
      const res = err.getResponse()
      expect(res.status).toBe(PROBLEMS[code].status)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({
        status: PROBLEMS[code].status,
        code,
        type: `https://kundepuls.dev/problems/${code}`,
        detail: 'because',
      })
    }
  })

  it('lists exactly these codes as the enum of the Problem schema in the OpenAPI document', async () => {
    const res = await call('GET', '/openapi.json')
    const code = res.json.components.schemas.Problem.properties.code
    expect(code.enum).toEqual([...PROBLEM_CODES])
    expect(code.description).toContain('`customer_throttled` (409)')
  })
})

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
