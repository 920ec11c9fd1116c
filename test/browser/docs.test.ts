// /docs as a developer reads it in Chromium: grouped by area, a way back to the dashboard, and
// axe-clean collapsed, with operations open, and in "Try it out", at 1280 and 390 px.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { axe } from './dashboard-helpers'

const base = inject('workerUrl')

describe.skipIf(!base)('the API reference page in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => browser?.close())

  async function open(width: number): Promise<Page> {
    // bypassCSP: axe is injected as an inline script, which the page's CSP refuses.
    const page = await browser.newPage({ bypassCSP: true, viewport: { width, height: 900 } })
    await page.goto(`${base}/docs`)
    await page.locator('.opblock').first().waitFor()
    return page
  }

  it('groups the operations by area, never under "default", and links back to the dashboard', async () => {
    const page = await open(1280)
    const groups = await page
      .locator('h3.opblock-tag')
      .evaluateAll((hs) => hs.map((h) => h.getAttribute('data-tag')))
    expect(groups).toEqual(expect.arrayContaining(['Surveys', 'Responses', 'Insights']))
    expect(groups).not.toContain('default')
    await expect(
      page.getByRole('link', { name: '← Dashboard' }).getAttribute('href'),
    ).resolves.toBe('/app/')
    await page.close()
  })

  for (const width of [1280, 390]) {
    it(`has no axe violations at ${width} px, collapsed and with operations open in "Try it out"`, async () => {
      const page = await open(width)
      expect(await axe(page)).toEqual([])
      for (const id of [
        'Surveys-post_v1_surveys',
        'Responses-get_v1_responses',
        'Insights-get_v1_metrics',
      ])
        await page.click(`#operations-${id} .opblock-summary-control`)
      await page.locator('.try-out__btn').first().click()
      await page.locator('textarea.body-param__text').first().waitFor()
      expect(await axe(page)).toEqual([])
      await page.close()
      // axe over Swagger UI's whole page takes several seconds on a busy 2-core machine.
    }, 120_000)
  }
})
