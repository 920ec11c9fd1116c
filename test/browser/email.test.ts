// The survey email in real Chromium: the HTML the worker renders (GET /v1/email/preview, the same
// renderer the consumer mails) at a phone's and a desktop's width, light and dark, with every
// score a tap target of at least 44 × 44 px; a click on "9" opens the hosted page with 9
// preselected and records nothing until Send.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('the survey email in Chromium', () => {
  let browser: Browser
  const api = workerApi(base)

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function preview(kind = 'nps', locale = 'en') {
    const project = await api.createProject('Acme Shoes')
    const survey = await api.createSurvey(project.secretKey, { name: 'After delivery', kind })
    const res = await fetch(`${base}/v1/email/preview?surveyId=${survey.id}&locale=${locale}`, {
      headers: { authorization: `Bearer ${project.secretKey}` },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { html: string; subject: string }
    return { ...body, secretKey: project.secretKey, surveyId: survey.id }
  }

  async function scoreBoxes(page: Page) {
    return page.locator('a.kp-score').evaluateAll((links) =>
      links.map((a) => {
        const r = a.getBoundingClientRect()
        return { n: a.textContent, width: r.width, height: r.height, right: r.right }
      }),
    )
  }

  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`fits ${width} px (${scheme}) with every score a ≥ 44 px tap target`, async () => {
        const mail = await preview()
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme: scheme,
        })
        try {
          const page = await context.newPage()
          await page.setContent(mail.html)
          const boxes = await scoreBoxes(page)
          expect(boxes.map((b) => Number(b.n))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
          for (const b of boxes) {
            expect(b.width).toBeGreaterThanOrEqual(44)
            expect(b.height).toBeGreaterThanOrEqual(44)
            expect(b.right).toBeLessThanOrEqual(width)
          }
          // No horizontal scrolling on a phone.
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
          expect(scrollWidth).toBeLessThanOrEqual(width)
          const bg = await page
            .locator('.kp-card')
            .first()
            .evaluate((el) => getComputedStyle(el).backgroundColor)
          expect(bg).toBe(scheme === 'dark' ? 'rgb(27, 32, 43)' : 'rgb(255, 255, 255)')
          await page.screenshot({ path: `/tmp/email-${width}-${scheme}.png`, fullPage: true })
        } finally {
          await context.close()
        }
      })
    }
  }

  it('opens the hosted page with 9 preselected on a click on "9", and records nothing until Send', async () => {
    const mail = await preview()
    // The preview's links lead to a placeholder; a real survey link (the one an email send gets
    // from its invitation) takes their place, so the click reaches the real hosted page.
    const res = await fetch(`${base}/v1/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mail.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ surveyId: mail.surveyId, ref: 'order-9', email: 'ann@example.com' }),
    })
    const { url } = (await res.json()) as { url: string }
    const html = mail.html.replaceAll(`${base}/s/preview`, url)
    const count = async () => {
      const r = await fetch(`${base}/v1/responses?surveyId=${mail.surveyId}`, {
        headers: { authorization: `Bearer ${mail.secretKey}` },
      })
      return ((await r.json()) as { data: unknown[] }).data.length
    }
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    try {
      const inbox = await context.newPage()
      await inbox.setContent(html)
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        inbox.getByRole('link', { name: '9', exact: true }).click(),
      ])
      await page.waitForLoadState()
      expect(page.url()).toBe(`${url}?score=9`)
      await expect.poll(() => page.getByRole('radio', { name: /^9 / }).isChecked()).toBe(true)
      await page.waitForTimeout(500)
      expect(await count()).toBe(0)
      await page.getByRole('button', { name: 'Send' }).click()
      await expect.poll(count, { timeout: 10_000 }).toBe(1)
    } finally {
      await context.close()
    }
  })
})
