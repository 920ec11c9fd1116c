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
})
