import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import { freshLimiterWindow } from '../helpers'

/** The real D1 binding, counting the statements prepared on it. */
function countingDb() {
  const counter = { statements: 0 }
  const db = new Proxy<D1Database>(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') counter.statements++
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db, counter }
}

describe('GET /v1/public/surveys/{id}', () => {
  it(
    'answers 200 requests for random unknown surveys from one address with 429s, not 200 D1 reads',
    { timeout: 60_000 },
    async () => {
      await freshLimiterWindow()
      const { db, counter } = countingDb()
      const statuses: number[] = []
      for (let i = 0; i < 200; i++) {
        const ctx = createExecutionContext()
        const res = await worker.fetch(
          new Request(
            `http://kundepuls.test/v1/public/surveys/srv_${crypto.randomUUID().slice(0, 8)}`,
            {
              headers: { 'cf-connecting-ip': '203.0.113.60' },
            },
          ),
          { ...env, DB: db },
          ctx,
        )
        await waitOnExecutionContext(ctx)
        statuses.push(res.status)
        if (res.status === 429) {
          expect(res.headers.get('content-type')).toBe('application/problem+json')
          expect(res.headers.get('retry-after')).toBe('60')
        }
      }
      const misses = statuses.filter((s) => s === 404).length
      const limited = statuses.filter((s) => s === 429).length
      expect(misses + limited).toBe(200)
      // The read budget is 120 per minute and address (wrangler.toml): one lookup per request under it.
      expect(misses).toBeLessThanOrEqual(120)
      expect(limited).toBeGreaterThanOrEqual(80)
      expect(statuses.indexOf(429)).toBe(misses)
      expect(counter.statements).toBe(misses)
    },
  )
})
