import { describe, expect, it } from 'vitest'
import { call } from '../helpers'

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas, covering the routes', async () => {
    const res = await call('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.json.openapi).toBe('3.1.0')
    const paths = Object.keys(res.json.paths)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/health',
        '/v1/projects',
        '/v1/surveys',
        '/v1/surveys/{id}',
        '/v1/public/surveys/{id}',
        '/v1/public/responses',
        '/v1/public/responses/{id}',
        '/v1/responses',
      ]),
    )
    const input = res.json.components.schemas.PublicResponseInput
    expect(input.properties.reason.maxLength).toBe(2000)
    expect(input.required).toEqual(expect.arrayContaining(['id', 'surveyId', 'score']))
    expect(res.json.paths['/v1/surveys'].post.security).toEqual([{ secretKey: [] }])
  })

  it('serves a reference page listing every documented route', async () => {
    const spec = await call('GET', '/openapi.json')
    const res = await call('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    for (const path of Object.keys(spec.json.paths)) expect(res.text).toContain(path)
  })
})
