// A visitor changes their score, and finds the widget without sight: Chromium, real worker.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hostPages, launchBrowser, workerApi, type HostPages } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('changing the score and finding the widget, in Chromium', () => {
  let browser: Browser
  let pages: HostPages
  const api = workerApi(base)
  let secretKey = ''

  beforeAll(async () => {
    browser = await launchBrowser()
    secretKey = (await api.createProject('Score change shop')).secretKey
    pages = await hostPages({
      '/': (
        u,
      ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Order confirmed</h1><label>Search <input id="search"></label></main>
<script src="${base}/widget.js" data-survey="${u.searchParams.get('s')}" data-touchpoint="purchase" async></script>
</body></html>`,
    })
  })

  afterAll(async () => {
    await browser?.close()
    await pages?.close()
  })

  const open = async (surveyId: string) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${pages.url}/?s=${surveyId}`)
    return { context, page }
  }

  it('stores one answer with the final score and the reason after the visitor changed the score', async (ctx) => {
    // Needs the public "change score" path (trust-public's PATCH with editToken and score).
    const spec = await (await fetch(`${base}/openapi.json`)).json()
    if (!spec.components.schemas.PublicResponsePatch?.properties?.score) {
      console.warn('⚠ skipped: this worker has no public score change (PATCH … {score}) yet')
      return ctx.skip()
    }
    const survey = await api.createSurvey(secretKey)
    const { context, page } = await open(survey.id)
    const w = page.locator('kundepuls-widget')
    await w.locator('[role=radio]', { hasText: /^9$/ }).click()
    await w.getByText('Great to hear! What do you like most about us?').waitFor()
    await w.locator('.sc [role=radio]', { hasText: /^3$/ }).click()
    await w
      .getByText('We are sorry to hear that. What went wrong, and what should we improve?')
      .waitFor()
    await w.locator('textarea').fill('Wrong size')
    await w.locator('button[type=submit]').click()
    await w.getByText('Thank you for your feedback!').waitFor()
    await expect
      .poll(async () => (await api.responses(secretKey, survey.id))[0]?.reason)
      .toBe('Wrong size')
    const rows = await api.responses(secretKey, survey.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 3, category: 'detractor', channel: 'widget' })
    await context.close()
  })

  it('is a region landmark named "Feedback survey", appears without taking focus, announces itself, and gives focus back on close', async () => {
    const survey = await api.createSurvey(secretKey)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${pages.url}/?s=${survey.id}`)
    await page.locator('#search').focus()
    const region = page.getByRole('region', { name: 'Feedback survey' })
    await region.waitFor()
    await expect
      .poll(() => page.locator('kundepuls-widget [aria-live=polite]').textContent())
      .toBe('Feedback survey: How likely are you to recommend us to a friend or colleague?')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search')
    await region.getByRole('radio', { name: '8 of 10' }).click()
    await region.locator('textarea').waitFor()
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('kundepuls-widget')!.shadowRoot!.activeElement?.tagName,
        ),
      )
      .toBe('TEXTAREA')
    await page.keyboard.press('Escape')
    await page.locator('kundepuls-widget').waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search')
    await context.close()
  })
})
