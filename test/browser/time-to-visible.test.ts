// Requests in series before the survey is visible, counted from the page's resource timing.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hostPages, launchBrowser, workerApi, type HostPages } from './harness'
import { pageTimings, seriesBeforeVisible, visibleProbe } from './time-to-visible.mjs'

const base = inject('workerUrl')

describe.skipIf(!base)('time to visible in Chromium', () => {
  let browser: Browser
  let pages: HostPages
  const api = workerApi(base)
  let secretKey = ''

  beforeAll(async () => {
    browser = await launchBrowser()
    secretKey = (await api.createProject('Timing shop')).secretKey
    pages = await hostPages({
      '/': (
        u,
      ) => `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Tak for din ordre</h1></main>
<script src="${base}/widget.js" data-survey="${u.searchParams.get('s')}" async></script></body></html>`,
      // The per-survey snippet: the loader carries the survey's config (issue 21.1).
      '/per-survey': (
        u,
      ) => `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Tak for din ordre</h1></main>
<script src="${base}/widget.js?survey=${u.searchParams.get('s')}${u.searchParams.get('l') ? `&locale=${u.searchParams.get('l')}` : ''}" data-survey="${u.searchParams.get('s')}" async></script></body></html>`,
    })
  })

  afterAll(async () => {
    await browser?.close()
    await pages?.close()
  })

  it('shows the survey after at most 3 requests in series, widget.js included: the config brings the texts', async () => {
    const survey = await api.createSurvey(secretKey)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.addInitScript(visibleProbe)
    await page.goto(`${pages.url}/?s=${survey.id}`)
    await page.waitForFunction(() => (window as { __kpVisible?: number }).__kpVisible)
    const { chain, series, scriptEndToVisible } = seriesBeforeVisible(
      await page.evaluate(pageTimings),
      base,
    )
    expect(series, chain.join(' → ')).toBeLessThanOrEqual(3)
    expect(chain[0]).toBe('/widget.js')
    // The page's language first (no locale in show()), then the browser's.
    expect(chain[1]).toBe(
      `/v1/public/surveys/${survey.id}?locale=${encodeURIComponent(',da,en-US,en')}`,
    )
    expect(chain[2]).toMatch(/^\/w\/ui\.[0-9a-f]+\.js$/)
    expect(scriptEndToVisible).toBeGreaterThan(0)
    // In the language of the page, with no locale chunk fetched at all.
    await page.getByRole('button', { name: 'Luk' }).waitFor()
    const fetched = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    )
    expect(fetched.filter((p) => p.startsWith('/w/'))).toHaveLength(1)
    await context.close()
  })

  /** A cold page view of the per-survey snippet: the requests in series before visible. */
  async function perSurvey(surveyId: string, browserLocale: string, urlLocale = '') {
    const context = await browser.newContext({ locale: browserLocale })
    const page = await context.newPage()
    await page.addInitScript(visibleProbe)
    await page.goto(`${pages.url}/per-survey?s=${surveyId}&l=${urlLocale}`)
    await page.waitForFunction(() => (window as { __kpVisible?: number }).__kpVisible)
    const { chain, series } = seriesBeforeVisible(await page.evaluate(pageTimings), base)
    // In the page's language (html lang="da") whatever the browser's.
    await page.getByRole('button', { name: 'Luk' }).waitFor()
    await context.close()
    return { chain: chain.join(' → '), series }
  }

  it('shows the survey after 2 requests in series with the per-survey loader: it carries the config', async () => {
    const survey = await api.createSurvey(secretKey)
    // A Danish browser on a Danish page: Accept-Language picks the page's locale.
    const danish = await perSurvey(survey.id, 'da-DK')
    expect(danish.series, danish.chain).toBe(2)
    expect(danish.chain).toMatch(
      new RegExp(`^/widget\\.js\\?survey=${survey.id} → /w/ui\\.[0-9a-f]+\\.js$`),
    )
    // An English browser: the snippet names the page's language, else the widget asks.
    const named = await perSurvey(survey.id, 'en-US', 'da')
    expect(named.series, named.chain).toBe(2)
    const unnamed = await perSurvey(survey.id, 'en-US')
    expect(unnamed.series, unnamed.chain).toBe(3)
    expect(unnamed.chain).toContain(`/v1/public/surveys/${survey.id}?locale=`)
  })

  it('shows no survey from a per-survey loader on a page the survey does not allow, and says why', async () => {
    const survey = await api.createSurvey(secretKey, { allowedOrigins: ['https://shop.example'] })
    const context = await browser.newContext()
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await page.goto(`${pages.url}/per-survey?s=${survey.id}`)
    await expect.poll(() => warnings.filter((w) => w.includes('Kundepuls')).length).toBe(1)
    expect(warnings.join()).toContain('allowedOrigins')
    expect(await page.locator('kundepuls-widget').count()).toBe(0)
    await context.close()
  })

  it('paints the survey fully opaque in its first frame; with reduced motion it does not move', async () => {
    const survey = await api.createSurvey(secretKey)
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await browser.newContext({ locale: 'da-DK', reducedMotion })
      const page = await context.newPage()
      await page.addInitScript(visibleProbe)
      await page.goto(`${pages.url}/per-survey?s=${survey.id}`)
      await page.waitForFunction(() => (window as { __kpVisible?: number }).__kpVisible)
      // The first frame after the scale entered the DOM: the card's opacity and animation.
      const first = await page.evaluate(
        () =>
          new Promise<{ opacity: string; animation: string }>((resolve) =>
            requestAnimationFrame(() => {
              const card = document
                .querySelector('kundepuls-widget')!
                .shadowRoot!.querySelector('.c')!
              const s = getComputedStyle(card)
              resolve({ opacity: s.opacity, animation: s.animationName })
            }),
          ),
      )
      expect(first.opacity, reducedMotion).toBe('1')
      expect(first.animation, reducedMotion).toBe(reducedMotion === 'reduce' ? 'none' : 'i')
      await context.close()
    }
  })
})
