import { describe, expect, it } from 'vitest'
import { PROBLEM_CODES, PROBLEMS } from '../../../schema/problems'
import { ApiError } from '../../../worker/lib/problem'
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
