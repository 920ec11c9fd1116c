// The hosted survey page in real Chromium against `wrangler dev`: a customer answers from the
// email snippet with JavaScript off; with it on, a scanner opening every link records nothing and
// the CSP-hashed script saves a score only when a person picks it.
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

  it('with JavaScript, opening every score link records nothing; a key press or click on a score records it once; the CSP lets only our script run', async () => {
    const inv = await invitation({ ref: 'ZD-4712', customerId: 'cus_js' })
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    const errors: string[] = []
    const answers = () => api.responses(inv.secretKey, inv.surveyId)
    try {
      // A scanner that renders pages opens all eleven links of the email, scripts running, and
      // keeps them open a while.
      const scans = []
      for (let n = 0; n <= 10; n++) {
        const scanned = await context.newPage()
        scans.push(scanned)
        await scanned.goto(`${inv.url}?score=${n}`)
        expect(await scanned.getByRole('radio', { name: new RegExp(`^${n} `) }).isChecked()).toBe(
          true,
        )
        // … and "clicks" from a script: el.click() and a dispatched event are not a person.
        await scanned.evaluate(() => {
          const radios = document.querySelectorAll<HTMLInputElement>('input[name=score]')
          radios[2].click()
          radios[3].dispatchEvent(new MouseEvent('click', { bubbles: true }))
        })
      }
      // Long enough for a save on load or on a scripted change (debounced 500 ms) to land.
      await new Promise((r) => setTimeout(r, 1500))
      await Promise.all(scans.map((p) => p.close()))
      expect(await answers()).toEqual([])

      // The customer opens the link of "10": it is shown selected, with its follow-up prompt …
      const page = await context.newPage()
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(`${inv.url}?score=10`)
      expect(await page.getByRole('radio', { name: /^10 / }).isChecked()).toBe(true)
      expect(await page.locator('#kp-prompt').textContent()).toBe(
        'Great to hear! What do you like most about us?',
      )
      expect(await page.getByRole('status').textContent()).toBe('')
      expect(await answers()).toEqual([])
      // … moves to 9 with the keyboard: saved at once …
      await page.getByRole('radio', { name: /^10 / }).focus()
      await page.keyboard.press('ArrowLeft')
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('Thank you, your score is saved.')
      expect((await answers()).map((r) => r.score)).toEqual([9])
      // … and settles on 8 with a click: still exactly one answer.
      await page.getByRole('radio', { name: /^8 / }).click()
      await expect.poll(async () => (await answers()).map((r) => r.score)).toEqual([8])
      const [saved, ...none] = await answers()
      expect(none).toEqual([])
      expect(saved).toMatchObject({ category: 'passive', channel: 'link', customerId: 'cus_js' })
      expect(await page.locator('#kp-prompt').textContent()).toBe(
        'What would make you rate us higher?',
      )
      // An injected inline script is refused by the CSP (it is not one of the hashed ones).
      const ran = await page.evaluate(() => {
        const s = document.createElement('script')
        s.textContent = 'window.__injected = true'
        document.body.append(s)
        return (window as unknown as { __injected?: boolean }).__injected === true
      })
      expect(ran).toBe(false)
      // Sending the form adds the reason to the same answer and keeps when the score was given.
      await page.getByRole('textbox').fill('Quick and kind')
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForURL(inv.url)
      const rows = await answers()
      expect(rows.map((r) => [r.id, r.score, r.reason, r.answeredAt])).toEqual([
        [saved.id, 8, 'Quick and kind', saved.answeredAt],
      ])
      // Only the refused injection is reported, never our own script or style.
      expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('with JavaScript, one click on Send records the preselected score', async () => {
    const inv = await invitation({ ref: 'ZD-4713' })
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${inv.url}?score=4`)
      await page.waitForTimeout(1000)
      expect(await api.responses(inv.secretKey, inv.surveyId)).toEqual([])
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForURL(inv.url)
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Thank you for your feedback!')
      const rows = await api.responses(inv.secretKey, inv.surveyId)
      expect(rows.map((r) => [r.score, r.category])).toEqual([[4, 'detractor']])
    } finally {
      await context.close()
    }
  })
})
