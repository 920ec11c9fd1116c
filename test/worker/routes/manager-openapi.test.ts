import { describe, expect, it } from 'vitest'
import { call } from '../helpers'

const ROUTES = [
  ['get', '/v1/metrics'],
  ['get', '/v1/responses'],
  ['patch', '/v1/responses/{id}'],
  ['post', '/v1/responses/import'],
  ['get', '/v1/customers/at-risk'],
  ['get', '/v1/customers/{customerId}'],
  ['delete', '/v1/customers/{customerId}'],
  ['get', '/v1/themes'],
  ['get', '/v1/journeys'],
] as const

describe('OpenAPI and /docs for the manager API', () => {
  it('documents every manager route with key or session auth and problem answers', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path]?.[method]
      expect(op, `${method} ${path}`).toBeDefined()
      expect(op.security).toEqual([{ secretKey: [] }, { session: [] }, { userSession: [] }])
      expect(op.responses['401'].content['application/problem+json']).toBeDefined()
    }
    expect(doc.paths['/v1/responses'].get.responses['200'].content['text/csv']).toBeDefined()
    expect(doc.components.schemas.Metrics).toBeDefined()
    for (const schema of ['Themes', 'Journeys', 'LastDrop'])
      expect(doc.components.schemas[schema], schema).toBeDefined()
  })

  it('names both ways in: a Bearer key and the dashboard session cookie', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    expect(doc.components.securitySchemes.secretKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'kp_session',
    })
  })
})
