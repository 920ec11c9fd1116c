// The themes and journeys pages in Chromium, as a manager uses them: open the page, filter,
// read the same figures the API gives, follow an example to its answer, in English and Danish.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { call, last90, seedShop, signedIn } from './dashboard-helpers'

const base = inject('workerUrl')

describe.skipIf(!base)('the insight pages in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
  })
  afterAll(() => browser?.close())

  it("lists the negative answers' themes as the API counts them, with lean and examples", async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    const w = last90()
    const api = await call(
      base,
      'GET',
      `/v1/themes?surveyId=${shop.survey.id}&from=${w.from}&to=${w.to}&category=detractor`,
      shop.project.secretKey,
    )
    expect(api.json.themes.length).toBeGreaterThan(3)
    await page.getByRole('link', { name: 'Themes' }).click()
    await page.getByLabel('Answers').selectOption('negative')
    const rows = page.locator('table.themes tbody tr')
    await expect
      .poll(() => rows.locator('th').allTextContents(), { timeout: 15_000 })
      .toEqual(api.json.themes.map((t: { term: string }) => expect.stringContaining(t.term)))
    const first = api.json.themes[0]
    await expect(rows.first().textContent()).resolves.toContain(`${first.share.toFixed(1)} %`)
    // The filter is in the URL: a reload shows the same list.
    await page.reload()
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(api.json.themes.length)
    // An example links to its answer's page.
    const example = rows.first().getByRole('link').first()
    expect(await example.getAttribute('href')).toBe(`/app/responses/${first.examples[0]}`)
    expect(problems).toEqual([])
    await context.close()
  })

  it("says whether the headline's change is real, as GET /v1/metrics?compare=previous does", async () => {
    // The shop's answers all fall within the last 90 days, so the previous 90 need their own
    // (without them the comparison depended on the hour the suite ran: only answers pushed
    // across a midnight by the generator's jitter landed in the previous window).
    const DAY = 86_400_000
    const earlier = Array.from({ length: 66 }, (_, i) => ({
      id: crypto.randomUUID(),
      surveyId: shop.survey.id,
      score: i % 11,
      createdAt: new Date(Date.now() - (100 + (i % 70)) * DAY).toISOString(),
    }))
    const imported = await call(base, 'POST', '/v1/responses/import', shop.project.secretKey, {
      responses: earlier,
    })
    expect(imported.status).toBe(200)
    const w = last90()
    const api = await call(
      base,
      'GET',
      `/v1/metrics?surveyId=${shop.survey.id}&from=${w.from}&to=${w.to}&compare=previous`,
      shop.project.secretKey,
    )
    const change = api.json.change
    expect(change.delta).not.toBeNull()
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    const line = page.getByTestId('change')
    const sign = change.delta > 0 ? '+' : '−'
    await expect
      .poll(() => line.textContent(), { timeout: 15_000 })
      .toContain(`${sign}${Math.abs(change.delta).toFixed(1)} points against the previous 90 days`)
    expect(await line.getAttribute('data-significant')).toBe(String(change.significant))
    expect(await line.textContent()).toContain(
      change.significant ? 'a real change (significant' : 'not significant, p = ',
    )
    expect(problems).toEqual([])
    await context.close()
  })

  it('marks the trend periods the window cuts and those with few answers', async () => {
    // A window from a Wednesday to a Sunday: its first week is cut, its last is whole.
    const day = (t: number) => new Date(t).toISOString().slice(0, 10)
    const now = Date.now()
    const sunday = now - new Date(now).getUTCDay() * 86_400_000
    const wednesday = sunday - (7 * 8 + 4) * 86_400_000
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    await page.goto(
      `${base}/app/overview?range=custom&from=${day(wednesday)}&to=${day(sunday)}&group=week`,
    )
    await page
      .locator('figure', { has: page.getByRole('heading', { name: 'Trend', exact: true }) })
      .getByText('Show as table')
      .click()
    const rows = page.getByRole('table', { name: 'Trend' }).locator('tbody tr')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(4)
    expect(await rows.first().textContent()).toContain('partial period')
    expect(await rows.last().textContent()).not.toContain('partial period')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the response rate of widget displays on the overview as the API counts it', async () => {
    // Ten displays and four widget answers, through the public API as the widget sends them.
    const post = (path: string, body: object) =>
      fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    for (let i = 0; i < 10; i++) {
      const shown = await post('/v1/public/impressions', {
        id: crypto.randomUUID(),
        surveyId: shop.survey.id,
        type: 'shown',
        touchpoint: 'purchase',
      })
      expect(shown.status).toBeLessThan(300)
    }
    for (let i = 0; i < 4; i++) {
      const answer = await post('/v1/public/responses', {
        id: crypto.randomUUID(),
        surveyId: shop.survey.id,
        score: 9,
        touchpoint: 'purchase',
      })
      expect(answer.status).toBe(201)
    }
    const w = last90()
    const api = await call(
      base,
      'GET',
      `/v1/metrics?surveyId=${shop.survey.id}&from=${w.from}&to=${w.to}`,
      shop.project.secretKey,
    )
    expect(api.json).toMatchObject({ shown: 10, responseRate: 40 })
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    const reach = page.getByTestId('reach')
    await expect
      .poll(() => reach.textContent(), { timeout: 15_000 })
      .toContain('40.0 % of 10 widget displays were answered')
    const purchase = reach.locator('tbody tr', { hasText: 'purchase' })
    await expect(purchase.textContent()).resolves.toContain('40.0 %')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the drop rate per touchpoint with its interval and the steps, also in Danish', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    const w = last90()
    const api = await call(
      base,
      'GET',
      `/v1/journeys?surveyId=${shop.survey.id}&from=${w.from}&to=${w.to}`,
      shop.project.secretKey,
    )
    expect(api.json.customers).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Journeys' }).click()
    const drops = page.getByRole('table', { name: /Share of customers whose answer/ })
    await expect
      .poll(() => drops.locator('tbody th').allTextContents(), { timeout: 15_000 })
      .toEqual(api.json.touchpoints.map((t: { touchpoint: string }) => t.touchpoint))
    const withDrop = api.json.touchpoints.find((t: { ci95: unknown }) => t.ci95)
    const row = drops.locator('tbody tr', { hasText: withDrop.touchpoint })
    await expect(row.textContent()).resolves.toContain(`${withDrop.dropRate.toFixed(1)} %`)
    const steps = page.getByRole('table', { name: /Consecutive answers/ })
    expect(await steps.locator('tbody tr').count()).toBe(api.json.transitions.length)
    await page.getByLabel('Language').selectOption('da')
    await page.getByRole('heading', { name: /Kunderejser/ }).waitFor()
    await page.getByRole('link', { name: 'Temaer' }).waitFor()
    expect(problems).toEqual([])
    await context.close()
  })
})
