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
    expect(res.json.paths['/v1/surveys'].post.security).toEqual([
      { secretKey: [] },
      { session: [] },
      { userSession: [] },
    ])
  })

  it('serves Swagger UI from its own assets, rendering /openapi.json, under a strict CSP', async () => {
    const res = await call('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.text).toContain('data-spec="/openapi.json"')
    // Every script and stylesheet is a same-origin path: no CDN, no inline script.
    const srcs = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(srcs).toEqual(
      expect.arrayContaining(['/docs-ui/swagger-ui-bundle.js', '/docs-ui/init.js']),
    )
    for (const s of srcs) expect(s).toMatch(/^\//)
    expect(res.text).not.toMatch(/<script>(?!<)/)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
  })
  it('puts every operation in one of the groups the document declares, none in "default"', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    const declared = new Set(doc.tags.map((t: { name: string }) => t.name))
    expect(declared.size).toBeGreaterThan(8)
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths))
      for (const [method, op] of Object.entries<any>(item)) {
        expect(op.tags, `${method} ${path}`).toHaveLength(1)
        expect(declared.has(op.tags[0]), `${method} ${path} → ${op.tags[0]}`).toBe(true)
      }
  })

  it('documents the 400 of every validated input and the 415 of every JSON body', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    const problem = { schema: { $ref: '#/components/schemas/Problem' } }
    let bodies = 0
    for (const item of Object.values<Record<string, any>>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        const json = op.requestBody?.content?.['application/json']
        if (json || op.parameters?.length)
          expect(Object.keys(op.responses['400'].content ?? {}).length).toBeGreaterThan(0)
        if (!json) continue
        bodies++
        expect(op.responses['415'].content['application/problem+json']).toEqual(problem)
      }
    }
    expect(bodies).toBeGreaterThan(5)
  })

  it('documents the hosted survey page with its token, its form and HTML error pages', async () => {
    const page = (await call('GET', '/openapi.json')).json.paths['/s/{token}']
    expect(page.get.parameters.map((p: { name: string }) => p.name)).toEqual(['token', 'score'])
    expect(Object.keys(page.post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
    ])
    for (const status of ['400', '404', '410', '413', '429'])
      expect(Object.keys(page.post.responses[status].content)).toEqual(['text/html'])
  })
})
