import { describe, expect, it } from 'vitest'
import { call } from '../helpers'

describe('GET /health', () => {
  it('answers ok after touching D1', async () => {
    const res = await call('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await call('GET', '/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.json.code).toBe('not_found')
  })
})
