// GET /widget.js: the static loader for every snippet so far; with ?survey= the survey's config in
// front of it, for the page origin and languages the request names (issue 21.1).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import type { WidgetPreload } from '../../../schema/survey'
import { call, expectProblem, setup } from '../helpers'

const SHOP = 'https://shop.example'

const loader = (query: string, headers: Record<string, string> = {}) =>
  call('GET', `/widget.js${query}`, { headers })

/** The config a per-survey loader carries; undefined when it is the plain loader. */
function preloadIn(text: string): WidgetPreload | undefined {
  const json = text.match(
    /^\(document\.currentScript\|\|\{\}\)\.kp=\(function.*?\}\}\)\(JSON\.parse\((".*")\)\);\n/,
  )
  return json ? JSON.parse(JSON.parse(json[1])) : undefined
}

describe('GET /widget.js', () => {
  it('is the static widget.js for today’s snippets (no survey in the URL)', async () => {
    const plain = await loader('')
    const asset = await env.ASSETS!.fetch('http://kundepuls.test/widget.js')
    expect(plain.status).toBe(200)
    expect(plain.text).toBe(await asset.text())
    expect(plain.text).toContain('Kundepuls')
    expect(preloadIn(plain.text)).toBeUndefined()
  })

  it('carries the config the config route answers, for the page (Referer) and its languages', async () => {
    const { survey } = await setup({ allowedOrigins: [SHOP] })
    const res = await loader(`?survey=${survey.id}`, {
      referer: `${SHOP}/checkout/done?order=1`,
      'accept-language': 'fr-CH, de;q=0.5, fr;q=0.9',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toBe('accept-language')
    const preload = preloadIn(res.text)!
    expect(preload.o).toBe(SHOP)
    expect(preload.m).toMatchObject({ fr: 'fr', da: 'da', no: 'nb', iw: 'he' })
    const config = await call('GET', `/v1/public/surveys/${survey.id}?locale=fr-CH,fr,de`, {
      headers: { origin: SHOP },
    })
    expect(preload.s).toEqual(config.json)
    expect(preload.s.locale).toBe('fr')
    // The loader itself follows, unchanged.
    expect(res.text.endsWith((await loader('')).text)).toBe(true)
  })

  it('lets the URL’s locale go before Accept-Language', async () => {
    const { survey } = await setup()
    const res = await loader(`?survey=${survey.id}&locale=da`, {
      origin: SHOP,
      'accept-language': 'de',
    })
    expect(preloadIn(res.text)!.s.locale).toBe('da')
  })

  it('carries no config for a page the survey does not allow, nor for a page it cannot name', async () => {
    const { survey } = await setup({ allowedOrigins: [SHOP] })
    const pages: Record<string, string>[] = [{ referer: 'https://elsewhere.example/' }, {}]
    for (const headers of pages) {
      const res = await loader(`?survey=${survey.id}`, headers)
      expect(res.status).toBe(200)
      expect(preloadIn(res.text), JSON.stringify(headers)).toBeUndefined()
      expect(res.text).toBe((await loader('')).text)
    }
    // The loader then asks the config route, which refuses that page and says why.
    const config = await call('GET', `/v1/public/surveys/${survey.id}`, {
      headers: { origin: 'https://elsewhere.example' },
    })
    expectProblem(config, 403, 'origin_not_allowed')
  })

  it('answers 404 for an unknown survey and 400 for a malformed id', async () => {
    expectProblem(await loader('?survey=srv_doesnotexist', { referer: SHOP }), 404, 'not_found')
    expectProblem(await loader('?survey=%3Cscript%3E', { referer: SHOP }), 400)
  })

  it('serves a repeat within the minute from the edge cache, with no D1 read', async () => {
    const { survey } = await setup()
    let statements = 0
    const db = new Proxy<D1Database>(env.DB, {
      get(target, prop) {
        if (prop === 'prepare') statements++
        const value = Reflect.get(target, prop)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const get = async (origin: string) => {
      const ctx = createExecutionContext()
      const res = await worker.fetch(
        new Request(`http://kundepuls.test/widget.js?survey=${survey.id}`, {
          headers: { referer: `${origin}/`, 'cf-connecting-ip': '203.0.113.71' },
        }),
        { ...env, DB: db },
        ctx,
      )
      await waitOnExecutionContext(ctx)
      return { status: res.status, preload: preloadIn(await res.text()) }
    }
    const first = await get(SHOP)
    expect(first.status).toBe(200)
    expect(statements).toBe(1)
    const again = await get(SHOP)
    expect(again).toEqual(first)
    expect(statements).toBe(1)
    // Another page origin is its own entry: its config names that origin.
    const other = await get('https://other.example')
    expect(other.preload!.o).toBe('https://other.example')
    expect(statements).toBe(2)
  })
})
