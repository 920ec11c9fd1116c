// The dashboard in real Chromium against a real worker: sign-in, figures, follow-up, CSV,
// surveys with preview, read-only keys, storage hygiene, axe, keyboard and 390 px.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { axe, call, last90, seedShop, signedIn } from './dashboard-helpers'

const base = inject('workerUrl')

describe.skipIf(!base)('the dashboard in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
  })
  afterAll(() => browser?.close())

  const sk = () => shop.project.secretKey

  it("signs in with a key; the overview's headline equals GET /v1/metrics; the key is kept nowhere", async () => {
    const { page, context, problems } = await signedIn(browser, base, sk())
    const w = last90()
    const metrics = await call(
      base,
      'GET',
      `/v1/metrics?surveyId=${shop.survey.id}&from=${w.from}&to=${w.to}`,
      sk(),
    )
    const headline = page.getByTestId('headline')
    await expect
      .poll(() => headline.textContent(), { timeout: 10_000 })
      .toBe(metrics.json.nps.toFixed(1))
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 10_000 })
      .toContain(`${metrics.json.total} answers`)
    // The band, the distribution and the touchpoints are drawn (uPlot canvases), with tables.
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(4)
    expect(await page.locator('details.as-table table').count()).toBeGreaterThanOrEqual(4)
    const stored = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
    )
    expect(stored).not.toContain(sk())
    expect(stored).not.toContain('kp_session')
    const [cookie] = await context.cookies()
    expect(cookie).toMatchObject({
      name: 'kp_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    })
    expect(cookie.value).not.toContain(sk())
    expect(problems).toEqual([])
    await context.close()
  })

  it('serves every page at its own URL: a reload of a deep link shows that page', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    await page.getByRole('link', { name: 'Follow-up' }).click()
    await page.getByRole('heading', { name: 'Follow-up inbox' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/app/inbox')
    await page.reload()
    await page.getByRole('heading', { name: 'Follow-up inbox' }).waitFor()
    await page.goBack()
    await page.getByTestId('headline').waitFor()
    await context.close()
  })

  it('closes a follow-up in the inbox, and the API shows followUp "closed"', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    await page.goto(`${base}/app/inbox`)
    const card = page.locator('li.followup').first()
    await card.waitFor()
    const reason = (await card.locator('blockquote').textContent())!
    const target = shop.rows.find((r) => r.reason === reason && r.score <= 6)!
    await card.getByLabel('Note').fill('Called back, refund sent')
    await card.getByRole('button', { name: 'Mark as closed' }).click()
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 })
      .toBe('Saved.')
    const list = await call(
      base,
      'GET',
      `/v1/responses?surveyId=${shop.survey.id}&followUp=closed`,
      sk(),
    )
    const closed = list.json.data.find((r: { reason: string }) => r.reason === target.reason)
    expect(closed).toMatchObject({ followUp: 'closed', note: 'Called back, refund sent' })
    await page.getByRole('link', { name: 'Closed' }).click()
    // The Closed tab lists it with its note (in the note field, for a full key).
    const notes = () =>
      page
        .locator('li.followup textarea')
        .evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value))
    await expect.poll(notes, { timeout: 10_000 }).toContain('Called back, refund sent')
    await context.close()
  })

  it('exports the filtered answers as CSV', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    await page.goto(`${base}/app/responses?category=detractor`)
    await page.locator('table tbody tr').first().waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    const csv = readFileSync((await download.path())!, 'utf8')
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toMatch(/^id,surveyId,kind,score,category,/)
    const detractors = shop.rows.filter((r) => r.score <= 6).length
    expect(lines.length - 1).toBe(detractors)
    for (const l of lines.slice(1)) expect(l).toContain(',detractor,')
    await context.close()
  })

  it('creates a survey, copies its snippet, and previews the widget without recording anything', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const writes: string[] = []
    page.on(
      'request',
      (r) => r.url().includes('/v1/public/') && writes.push(`${r.method()} ${r.url()}`),
    )
    await page.goto(`${base}/app/surveys`)
    await page.getByRole('link', { name: 'New survey' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Checkout pulse')
    await page.getByLabel('Question', { exact: true }).fill('Would you recommend our checkout?')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: 'Embed' }).waitFor()
    const id = new URL(page.url()).pathname.split('/').pop()!
    expect(id).toMatch(/^srv_/)
    await page.getByRole('button', { name: 'Copy' }).click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(
      `<script src="${base}/widget.js?survey=${id}" data-survey="${id}" data-touchpoint="purchase" async></script>`,
    )
    // The preview: the real widget UI with the texts being edited, and nothing sent.
    await page.getByRole('button', { name: 'Show preview' }).click()
    const widget = page.locator('kundepuls-widget')
    await widget.getByText('Would you recommend our checkout?').waitFor()
    await widget.getByRole('radio', { name: /^9 / }).click()
    await widget.getByRole('textbox').fill('Preview only')
    await widget.getByRole('button', { name: 'Send' }).click()
    await widget.getByText('Thank you for your feedback!').waitFor()
    await page.waitForTimeout(300)
    expect(writes).toEqual([])
    expect((await call(base, 'GET', `/v1/responses?surveyId=${id}`, sk())).json.data).toEqual([])
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('kp:')),
    )
    expect(stored).toEqual([])
    await context.close()
  })

  it('shows a read-only key no write controls, and the API refuses its writes', async () => {
    const { page, context } = await signedIn(browser, base, shop.readKey)
    const riskCustomer = shop.rows.find((r) => r.customerId?.startsWith('cus_risk'))!.customerId!
    const WRITE =
      /^(Mark as closed|Save note|Save|Create|New survey|Create key|Revoke.*|Archive|Erase customer)$/
    for (const path of [
      '/app/overview',
      '/app/inbox',
      '/app/responses',
      '/app/surveys',
      `/app/surveys/${shop.survey.id}`,
      '/app/settings',
      `/app/customers/${riskCustomer}`,
    ]) {
      await page.goto(base + path)
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      const labels = await page.locator('main button, main a.button').allTextContents()
      expect(
        labels.filter((l) => WRITE.test(l.trim())),
        path,
      ).toEqual([])
    }
    expect(await page.getByText('Read-only').first().isVisible()).toBe(true)
    const refused = await page.evaluate(
      async ([surveyId]) => {
        const res = await fetch(`/v1/surveys/${surveyId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Hacked' }),
        })
        return [res.status, (await res.json()).code]
      },
      [shop.survey.id],
    )
    expect(refused).toEqual([403, 'insufficient_scope'])
    expect((await call(base, 'GET', `/v1/surveys/${shop.survey.id}`, sk())).json.name).toBe(
      'After delivery',
    )
    await context.close()
  })

  it('signs out on the server: the old cookie no longer reads anything', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    const [cookie] = await context.cookies()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('API key').waitFor()
    const res = await fetch(`${base}/v1/surveys`, {
      headers: { cookie: `kp_session=${cookie.value}` },
    })
    expect(res.status).toBe(401)
    await context.close()
  })

  it('works by keyboard: sign in with Enter, reach the navigation with Tab', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/app`)
    // The form appears once the app has asked who is signed in.
    await page.getByLabel('API key').waitFor()
    // The person's email and password come first; the key field is a few Tabs on.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab')
      if ((await page.evaluate(() => document.activeElement?.id)) === 'key') break
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('key')
    await page.keyboard.type(sk())
    await page.keyboard.press('Enter')
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    // Skip link first, then the header's controls, then the navigation.
    let reached = ''
    for (let i = 0; i < 12 && reached !== 'Responses'; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
    }
    expect(reached).toBe('Responses')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Responses' }).waitFor()
    await context.close()
  })

  it('speaks Danish when the browser prefers it, and the language switch overrides that', async () => {
    const context = await browser.newContext({ locale: 'da-DK' })
    const page = await context.newPage()
    await page.goto(`${base}/app`)
    await page.getByLabel('API-nøgle').fill(sk())
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    await page.getByRole('link', { name: 'Overblik' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da')
    await page.getByLabel('Sprog').selectOption('en')
    await page.getByRole('link', { name: 'Overview' }).waitFor()
    await page.reload()
    await page.getByRole('link', { name: 'Overview' }).waitFor()
    await context.close()
  })

  const PAGES = (riskCustomer: string) => [
    '/app/overview',
    '/app/responses',
    '/app/inbox',
    '/app/inbox?tab=closed',
    '/app/themes',
    '/app/themes?polarity=negative',
    '/app/journeys',
    '/app/settings/webhooks',
    '/app/settings/connections',
    '/app/email',
    '/app/customers',
    `/app/customers/${riskCustomer}`,
    '/app/surveys',
    `/app/surveys/${shop.survey.id}`,
    '/app/surveys/new',
    '/app/settings',
    '/app/inbox?view=overdue',
    '/app/inbox?view=unassigned',
    '/app/audit',
    '/app/settings/members',
    '/app/account',
  ]

  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['light', 390],
    ['dark', 390],
  ] as const) {
    it(`has no axe violations on any page, ${scheme}, ${width} px wide, and nothing wider than the screen`, async () => {
      // bypassCSP: axe is injected as an inline script, which the dashboard's CSP refuses.
      const context = await browser.newContext({
        colorScheme: scheme,
        viewport: { width, height: 900 },
        bypassCSP: true,
      })
      const page = await context.newPage()
      await page.goto(`${base}/app`)
      await page.getByLabel('API key').waitFor()
      const found: Record<string, unknown> = {}
      const check = async (name: string, p: Page) => {
        const v = await axe(p)
        if (v.length) found[name] = v
        const wide = await p.evaluate(() => document.documentElement.scrollWidth)
        if (wide > width) found[`${name} width`] = wide
      }
      await check('sign-in', page)
      await page.getByLabel('API key').fill(sk())
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.getByRole('navigation', { name: 'Main' }).waitFor()
      const risk = shop.rows.find((r) => r.customerId?.startsWith('cus_risk'))!.customerId!
      for (const path of PAGES(risk)) {
        // The seeded survey (an earlier test made a newer, empty one).
        await page.goto(base + path + (path.includes('?') ? '&' : '?') + `survey=${shop.survey.id}`)
        await page.locator('main h1').first().waitFor()
        await page.waitForLoadState('networkidle')
        await check(path, page)
      }
      expect(found).toEqual({})
      await context.close()
    }, 120_000)
  }

  it('serves the API reference (Swagger UI) from its own files under its CSP, linked from the dashboard', async () => {
    const { page, context } = await signedIn(browser, base, sk())
    const outside: string[] = []
    const csp: string[] = []
    page.on(
      'request',
      (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && outside.push(r.url()),
    )
    await page.exposeFunction('__csp', (v: string) => csp.push(v))
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __csp: (v: string) => void }).__csp(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      ),
    )
    await page.getByRole('link', { name: 'API reference' }).click()
    await page.getByText('/v1/metrics').first().waitFor({ timeout: 15_000 })
    expect(outside).toEqual([])
    expect(csp).toEqual([])
    await context.close()
  })
})
