import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import { newInvitationId, signLinkToken } from '../../../worker/lib/link-token'
import { addressKey } from '../../../worker/middleware/rate-limit'
import { call, expectProblem, freshLimiterWindow, uuid } from '../helpers'

/** A D1 binding that fails the request (and counts) if anything touches it. */
function untouchableDb() {
  const touched: string[] = []
  const db = new Proxy<D1Database>(env.DB, {
    get(_, prop) {
      touched.push(String(prop))
      throw new Error(`D1 touched before the rate limit: ${String(prop)}`)
    },
  })
  return { db, touched }
}

const refuse: RateLimit = { limit: async () => ({ success: false }) }

async function publicOperations() {
  const spec = (await call('GET', '/openapi.json')).json as {
    paths: Record<string, Record<string, unknown>>
  }
  const token = await signLinkToken('some-link-secret', newInvitationId(), 2_000_000_000, {
    projectId: 'prj_x',
    surveyId: 'srv_x',
    touchpoint: 'support',
    ref: 'T-1',
    customerId: null,
    email: null,
    properties: '{}',
    locale: null,
  })
  return Object.entries(spec.paths)
    .filter(([path]) => path.startsWith('/v1/public/') || path.startsWith('/s/'))
    .flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace('{id}', uuid()).replace('{token}', token),
      })),
    )
}

describe('rateLimit() on public routes', () => {
  it('answers 429 on every public route before anything reads D1', async () => {
    const operations = await publicOperations()
    // survey config, eligibility, answers, amendments, impressions, the hosted page and its form
    expect(operations.length).toBeGreaterThanOrEqual(7)
    for (const { method, path } of operations) {
      const { db, touched } = untouchableDb()
      const isForm = path.startsWith('/s/')
      const request = new Request(`http://kundepuls.test${path}`, {
        method,
        headers: {
          'cf-connecting-ip': '203.0.113.50',
          'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        body:
          method === 'GET'
            ? undefined
            : isForm
              ? 'score=9'
              : JSON.stringify({ id: uuid(), surveyId: 'srv_x', score: 9, type: 'shown' }),
      })
      const ctx = createExecutionContext()
      const res = await worker.fetch(
        request,
        { ...env, DB: db, PUBLIC_READ_LIMITER: refuse, PUBLIC_WRITE_LIMITER: refuse },
        ctx,
      )
      await waitOnExecutionContext(ctx)
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(429)
      expect(res.headers.get('retry-after')).toBe('60')
      expect(touched, `${method} ${path}`).toEqual([])
    }
  })

  it(
    'counts per client address: a flooded address is refused, another is not',
    { timeout: 60_000 },
    async () => {
      await freshLimiterWindow()
      const flood = { 'cf-connecting-ip': '203.0.113.51' }
      const statuses: number[] = []
      for (let i = 0; i < 65; i++) {
        const res = await call('PATCH', `/v1/public/responses/${uuid()}`, {
          body: { editToken: 'x'.repeat(43), reason: 'hi' },
          headers: flood,
        })
        statuses.push(res.status)
      }
      expect(statuses).toContain(429)
      const limited = await call('PATCH', `/v1/public/responses/${uuid()}`, {
        body: { reason: 'hi' },
        headers: flood,
      })
      expectProblem(limited, 429, 'rate_limited')
      const other = await call('PATCH', `/v1/public/responses/${uuid()}`, {
        body: { reason: 'hi' },
        headers: { 'cf-connecting-ip': '203.0.113.52' },
      })
      expect(other.status).not.toBe(429)
    },
  )
})

describe('addressKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
  })

  it('counts an IPv6 address as its /64, however it is written', () => {
    const key = '2001:db8:85a3:8d3::/64'
    expect(addressKey('2001:0db8:85a3:08d3:1319:8a2e:0370:7344')).toBe(key)
    expect(addressKey('2001:db8:85a3:8d3::1')).toBe(key)
    expect(addressKey('2001:DB8:85A3:8D3:ffff::')).toBe(key)
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('2001:db8:85a3:8d4::1')).not.toBe(key)
  })

  it('counts an IPv4-mapped address (::ffff:a.b.c.d) as its IPv4 address, in any spelling', () => {
    for (const ip of [
      '::ffff:203.0.113.7',
      '::FFFF:203.0.113.7',
      '::ffff:cb00:7107',
      '0:0:0:0:0:ffff:cb00:7107',
    ])
      expect(addressKey(ip), ip).toBe('203.0.113.7')
  })
})
