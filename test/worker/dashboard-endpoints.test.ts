// The dashboard's typed client (dashboard/lib/endpoints.ts) names operations of the manager API:
// each must exist in the served OpenAPI document with that method, so a renamed or removed route
// fails here instead of in a manager's browser.
import { describe, expect, it } from 'vitest'
import { OPERATIONS, pathOf } from '../../dashboard/lib/endpoints'
import { call } from './helpers'

describe("the dashboard's typed API client", () => {
  it('names only operations the OpenAPI document serves, with their methods', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    const served = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    )
    const named = Object.keys(OPERATIONS)
    expect(named.length).toBeGreaterThan(25)
    expect(named.filter((op) => !served.has(op))).toEqual([])
  })

  it('fills path parameters URL-encoded and refuses a missing one', () => {
    expect(pathOf('GET /v1/customers/{customerId}', { customerId: 'a/b c' })).toBe(
      '/v1/customers/a%2Fb%20c',
    )
    expect(() => pathOf('GET /v1/surveys/{id}')).toThrow('needs id')
  })
})
