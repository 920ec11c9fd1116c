// The hosted survey page in real Chromium against `wrangler dev`: a customer answers from the
// email snippet with JavaScript off, and with it on the CSP-hashed script saves the score at once.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('hosted survey page in Chromium', () => {
  let browser: Browser
  const api = workerApi(base)

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function invitation(body: Record<string, unknown>) {
    const project = await api.createProject('Help desk')
    const survey = await api.createSurvey(project.secretKey, {
      name: 'After ticket',
      kind: 'nps',
      reviewUrl: 'https://reviews.example/acme',
    })
    const res = await fetch(`${base}/v1/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${project.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ surveyId: survey.id, ...body }),
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { url: string; emailHtml: string }
    return { ...created, secretKey: project.secretKey, surveyId: survey.id }
  }

  it('a customer answers from the email snippet with JavaScript disabled', async () => {
    const inv = await invitation({
      ref: 'ZD-4711',
      customerId: 'cus_42',
      properties: { agent: 'bob' },
    })
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    })
    const violations: string[] = []
    try {
      // The email as a mail client shows it; the customer clicks "4".
      const mail = await context.newPage()
      await mail.setContent(inv.emailHtml)
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        mail.getByRole('link', { name: '4', exact: true }).click(),
      ])
      page.on('console', (m) => m.type() === 'error' && violations.push(m.text()))
      await page.waitForLoadState()
      expect(page.url()).toBe(`${inv.url}?score=4`)
      await expect.poll(() => page.getByRole('radio', { name: /^4 / }).isChecked()).toBe(true)
      // Opening the link (as a mail scanner would) recorded nothing.
      expect(await api.responses(inv.secretKey, inv.surveyId)).toEqual([])

      // The customer changes their mind with the keyboard-usable radios, explains and sends.
      await page.getByRole('radio', { name: /^6 / }).check()
      await page.getByRole('textbox').fill('Took three replies to solve')
      await page.getByRole('checkbox').check()
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForLoadState()
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Thank you for your feedback!')
      expect(
        await page.getByRole('link', { name: 'Write a public review' }).getAttribute('href'),
      ).toBe('https://reviews.example/acme')
      expect(violations).toEqual([])
    } finally {
      await context.close()
    }
    const rows = await api.responses(inv.secretKey, inv.surveyId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      score: 6,
      category: 'detractor',
      reason: 'Took three replies to solve',
      touchpoint: 'support',
      ref: 'ZD-4711',
      customerId: 'cus_42',
      properties: { agent: 'bob' },
      channel: 'link',
      contactConsent: true,
    })
  })

  it('with JavaScript, the preselected score is saved at once and the CSP lets only our script run', async () => {
    const inv = await invitation({ ref: 'ZD-4712' })
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    const errors: string[] = []
    try {
      const page = await context.newPage()
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(`${inv.url}?score=9`)
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('Thank you, your score is saved.')
      // The follow-up prompt follows the category of the score.
      expect(await page.locator('#kp-prompt').textContent()).toBe(
        'Great to hear! What do you like most about us?',
      )
      await expect
        .poll(async () => (await api.responses(inv.secretKey, inv.surveyId)).map((r) => r.score))
        .toEqual([9])
      // An injected inline script is refused by the CSP (it is not one of the hashed ones).
      const ran = await page.evaluate(() => {
        const s = document.createElement('script')
        s.textContent = 'window.__injected = true'
        document.body.append(s)
        return (window as unknown as { __injected?: boolean }).__injected === true
      })
      expect(ran).toBe(false)
      // Sending the form adds the reason to the same answer.
      await page.getByRole('textbox').fill('Quick and kind')
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForURL(inv.url)
      const rows = await api.responses(inv.secretKey, inv.surveyId)
      expect(rows.map((r) => [r.score, r.reason, r.channel])).toEqual([
        [9, 'Quick and kind', 'link'],
      ])
      // Only the refused injection is reported, never our own script or style.
      expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
