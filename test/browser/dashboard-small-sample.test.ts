// The first visit and a survey with one answer, in Chromium: nothing logged on the sign-in page
// (no 401, no favicon 404), an honest headline (interval first, holding its point, no "± 0.0"),
// and at 390 px every nav tab in view.
import { randomUUID } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { call, signedIn } from './dashboard-helpers'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('small samples and the first visit in Chromium', () => {
  let browser: Browser
  let secretKey: string
  let surveyId: string

  beforeAll(async () => {
    browser = await launchBrowser()
    const api = workerApi(base)
    secretKey = (await api.createProject('One answer shop')).secretKey
    surveyId = (await api.createSurvey(secretKey, { name: 'One answer' })).id
    const imported = await call(base, 'POST', '/v1/responses/import', secretKey, {
      responses: [
        {
          id: randomUUID(),
          surveyId,
          score: 10,
          createdAt: new Date(Date.now() - 86_400_000).toISOString(),
        },
      ],
    })
    expect(imported.status, imported.text).toBe(200)
  })
  afterAll(() => browser?.close())

  it('logs nothing on a first visit: no 401 from /v1/sessions/current, a favicon', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const logged: string[] = []
    page.on('console', (m) => m.type() === 'error' && logged.push(m.text()))
    const favicon = await page.request.get(`${base}/favicon.ico`)
    expect(favicon.status()).toBe(200)
    expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))
    await page.goto(`${base}/app`)
    await page.getByLabel('API key').waitFor()
    await page.waitForLoadState('networkidle')
    expect(logged).toEqual([])
    await context.close()
  })

  it('shows one answer as an interval first that holds its point, never "± 0.0"; at 390 px every tab is in view', async () => {
    const { page, context, problems } = await signedIn(browser, base, secretKey, {
      viewport: { width: 390, height: 844 },
    })
    await page.goto(`${base}/app/overview?survey=${surveyId}`)
    const interval = page.getByTestId('headline-interval')
    await interval.waitFor()
    const [low, high] = ((await interval.textContent())!.match(/-?\d+\.\d/g) ?? []).map(Number)
    const point = Number(await page.getByTestId('headline').textContent())
    expect(point).toBe(100)
    expect(low).toBeLessThanOrEqual(point)
    expect(high).toBeGreaterThanOrEqual(point)
    expect(await page.locator('main').textContent()).not.toContain('±')
    for (const link of await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .all()) {
      const box = (await link.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    expect(problems).toEqual([])
    await context.close()
  })
})
