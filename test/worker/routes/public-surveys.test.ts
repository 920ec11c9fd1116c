import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import { LOCALE_QUERY_MAX } from '../../../schema/constants'
import { MESSAGES } from '../../../schema/i18n'
import { widgetMessages } from '../../../schema/widget-messages'
import { call, createSurvey, expectProblem, freshLimiterWindow, setup } from '../helpers'

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

const config = (id: string, locale?: string) =>
  call('GET', `/v1/public/surveys/${id}${locale === undefined ? '' : `?locale=${locale}`}`)

describe('GET /v1/public/surveys/{id}: the texts for the visitor’s locale', () => {
  it("gives the browser's throttle the longer of the survey's throttleDays and the cooldown", async () => {
    const { project, survey } = await setup({ throttleDays: 0 })
    const days = async (id: string) =>
      (await call('GET', `/v1/public/surveys/${id}`)).json.throttleDays as number
    // The project's cooldown (14 by default) holds even for a survey that never throttles.
    expect(await days(survey.id)).toBe(14)
    const long = await createSurvey(project.secretKey, { throttleDays: 60 })
    expect(await days(long.id)).toBe(60)
    const own = await createSurvey(project.secretKey, { throttleDays: 0, cooldownDays: 30 })
    expect(await days(own.id)).toBe(30)
    const none = await createSurvey(project.secretKey, { throttleDays: 0, cooldownDays: 0 })
    expect(await days(none.id)).toBe(0)
    const patched = await call('PATCH', '/v1/project', {
      token: project.secretKey,
      body: { cooldownDays: 21 },
    })
    expect(patched.status, patched.text).toBe(200)
    expect(await days(survey.id)).toBe(21)
    expect(await days(none.id)).toBe(0)
  })

  it('carries the default texts of the first supported locale the widget asks for', async () => {
    const { survey } = await setup({ texts: { da: { question: 'Vil du anbefale Acme?' } } })
    const res = await config(survey.id, encodeURIComponent('xx-YY,da-DK,en'))
    expect(res.status, res.text).toBe(200)
    expect(res.json.locale).toBe('da')
    expect(res.json.messages).toEqual(widgetMessages('da'))
    expect(res.json.messages.close).toBe(MESSAGES.da.close)
    expect(res.json.texts).toEqual({ da: { question: 'Vil du anbefale Acme?' } })
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('sends only the texts the widget shows, never the hosted page’s', async () => {
    const { survey } = await setup()
    const res = await config(survey.id, 'nb')
    expect(res.json.locale).toBe('nb')
    expect(Object.keys(res.json.messages)).not.toContain('linkExpired')
    expect(JSON.stringify(res.json)).not.toContain(MESSAGES.nb.linkExpired)
  })

  it('falls back to English without a locale, or when none is supported', async () => {
    const { survey } = await setup()
    for (const q of [undefined, '', 'xx,zz-ZZ', encodeURIComponent('<script>,,')]) {
      const res = await config(survey.id, q)
      expect(res.status, res.text).toBe(200)
      expect(res.json.locale).toBe('en')
      expect(res.json.messages).toEqual(widgetMessages('en'))
    }
  })

  it('refuses an oversized locale list with a problem, and an unknown survey with 404', async () => {
    const { survey } = await setup()
    expectProblem(
      await config(survey.id, 'en,'.repeat(LOCALE_QUERY_MAX)),
      400,
      'validation_failed',
      'query.locale',
    )
    expectProblem(await config('srv_missing', 'da'), 404)
  })

  it('documents the locale query and the messages in /openapi.json', async () => {
    const spec = (await call('GET', '/openapi.json')).json
    const get = spec.paths['/v1/public/surveys/{id}'].get
    expect(get.parameters.map((p: { name: string }) => p.name)).toContain('locale')
    expect(spec.components.schemas.PublicSurvey.required).toEqual(
      expect.arrayContaining(['locale', 'messages']),
    )
  })
})

describe('GET /v1/public/surveys/{id}: the page’s origin', () => {
  it('refuses a page whose origin the survey does not allow, naming the origin and the setting, so the survey is never shown', async () => {
    const { project } = await setup()
    const { id } = await createSurvey(project.secretKey, {
      allowedOrigins: ['https://shop.example'],
    })
    const res = await call('GET', `/v1/public/surveys/${id}`, {
      headers: { origin: 'https://evil.example' },
    })
    expectProblem(res, 403, 'origin_not_allowed')
    expect(res.json.detail).toContain('https://evil.example')
    expect(res.json.detail).toContain('allowedOrigins')
    // The browser must be able to read the refusal (the widget logs it).
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example')
    expect(res.text).not.toContain('shop.example')

    const allowed = await call('GET', `/v1/public/surveys/${id}`, {
      headers: { origin: 'https://shop.example' },
    })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('vary')).toContain('Origin')
  })

  it('still answers a caller that sends no Origin (a server, curl): the writes check it', async () => {
    const { project } = await setup()
    const { id } = await createSurvey(project.secretKey, {
      allowedOrigins: ['https://shop.example'],
    })
    expect((await call('GET', `/v1/public/surveys/${id}`)).status).toBe(200)
    const open = await createSurvey(project.secretKey)
    const any = await call('GET', `/v1/public/surveys/${open.id}`, {
      headers: { origin: 'https://anywhere.example' },
    })
    expect(any.status).toBe(200)
  })
})
