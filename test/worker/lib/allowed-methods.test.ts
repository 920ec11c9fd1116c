import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, expectProblem } from '../helpers'

describe('a method a known path does not serve', () => {
  it.each([
    ['TRACE', '/v1/surveys', ['GET', 'HEAD', 'POST']],
    ['PUT', '/v1/surveys/srv_x', ['DELETE', 'GET', 'HEAD', 'PATCH']],
    ['DELETE', '/health', ['GET', 'HEAD']],
    ['PATCH', '/v1/public/responses', ['POST']],
    ['POST', '/openapi.json', ['GET', 'HEAD']],
  ])('%s %s answers 405 problem+json with Allow', async (method, path, allow) => {
    const res = await call(method, path, { headers: { origin: 'http://kundepuls.test' } })
    expectProblem(res, 405, 'method_not_allowed')
    expect(res.headers.get('allow')?.split(', ')).toEqual(allow)
  })

  it('leaves an unknown path 404, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing-here'],
      ['TRACE', '/v1/nothing-here'],
      ['PUT', '/v1/nothing-here'],
      ['PATCH', '/v1/surveys/'],
    ]) {
      const res = await call(method, path)
      expectProblem(res, 404, 'not_found')
      expect(res.headers.get('allow')).toBeNull()
    }
  })

  it('still serves HEAD where GET is served', async () => {
    const res = await SELF.fetch('http://kundepuls.test/health', { method: 'HEAD' })
    expect(res.status).toBe(200)
  })
})
