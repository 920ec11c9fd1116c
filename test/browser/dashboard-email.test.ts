// The Email page in Chromium, the way a manager uses it: open an existing rule, change it, save,
// reload, see the change; the API agrees. A program is started and paused from the page.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, call, signedIn } from './dashboard-helpers'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('the Email page in Chromium', () => {
  let browser: Browser
  let secretKey: string
  let surveyId: string
  let ruleId: string

  beforeAll(async () => {
    browser = await launchBrowser()
    const api = workerApi(base)
    const project = await api.createProject('Email shop')
    secretKey = project.secretKey
    surveyId = (await api.createSurvey(secretKey, { name: 'After delivery' })).id
    const rule = await call(base, 'POST', '/v1/email/rules', secretKey, {
      eventType: 'order.delivered',
      surveyId,
      delayMinutes: 2880,
    })
    expect(rule.status, rule.text).toBe(201)
    ruleId = rule.json.id
  })
  afterAll(() => browser?.close())

  it('edits an existing rule: open, change, save, reload, and the page and the API show the change', async () => {
    const { page, context, problems } = await signedIn(browser, base, secretKey, {
      bypassCSP: true,
    })
    await page.getByRole('link', { name: 'Email' }).click()
    const row = page.getByTestId(`rule-${ruleId}`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('order.delivered')
    await row.getByRole('button', { name: /Edit/ }).click()
    await page.getByLabel('Event type').fill('ticket.solved')
    await page.getByLabel('Delay (minutes)').fill('90')
    await page.getByLabel('Sat').check()
    await page.getByLabel('From (local time)').fill('08:30')
    await page.getByLabel('Reminder after (days, 0 = none)').fill('0')
    await page.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('ticket.solved')

    await page.reload()
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('ticket.solved')
    const text = (await row.textContent()) ?? ''
    expect(text).toContain('90')
    expect(text).toContain('Sat')
    expect(text).toContain('08:30–17:00')
    const api = await call(base, 'GET', `/v1/email/rules/${ruleId}`, secretKey)
    expect(api.json).toMatchObject({
      eventType: 'ticket.solved',
      delayMinutes: 90,
      reminderAfterDays: 0,
      window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '08:30', to: '17:00' },
    })
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('changes the sending settings: open, change, save, reload, and the page and the API show them', async () => {
    const { page, context, problems } = await signedIn(browser, base, secretKey, {
      bypassCSP: true,
    })
    await page.getByRole('link', { name: 'Email' }).click()
    await page.getByRole('heading', { name: 'Sending' }).waitFor({ timeout: 30_000 })
    const cooldown = page.getByLabel('Cooldown (days)')
    await expect.poll(() => cooldown.inputValue(), { timeout: 30_000 }).toBe('14')
    await cooldown.fill('30')
    await page.getByLabel('Reply-to address').fill('support@shop.example')
    await page.getByLabel(/^Time zone/).fill('Europe/Oslo')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

    await page.reload()
    await expect.poll(() => cooldown.inputValue(), { timeout: 15_000 }).toBe('30')
    expect(await page.getByLabel('Reply-to address').inputValue()).toBe('support@shop.example')
    expect(await page.getByLabel(/^Time zone/).inputValue()).toBe('Europe/Oslo')
    const api = await call(base, 'GET', '/v1/project', secretKey)
    expect(api.json).toMatchObject({
      cooldownDays: 30,
      emailReplyTo: 'support@shop.example',
      timeZone: 'Europe/Oslo',
    })
    // A time zone that is not IANA is refused with the problem shown, and nothing changes.
    await page.getByLabel(/^Time zone/).fill('CET+1')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('alert').first().waitFor()
    expect((await call(base, 'GET', '/v1/project', secretKey)).json.timeZone).toBe('Europe/Oslo')
    expect(await axe(page)).toEqual([])
    expect(problems.filter((p) => !p.includes('400'))).toEqual([])
    await context.close()
  }, 90_000)

  it('starts a program and pauses it from the page', async () => {
    const { page, context } = await signedIn(browser, base, secretKey, { bypassCSP: true })
    await page.getByRole('link', { name: 'Email' }).click()
    await page.getByLabel('At most per day').fill('25')
    await page.getByRole('button', { name: 'Start program' }).click()
    const program = page.locator('[data-testid^="program-"]')
    await expect.poll(() => program.textContent(), { timeout: 15_000 }).toContain('Active')
    await program.getByRole('button', { name: 'Pause' }).click()
    await expect.poll(() => program.textContent(), { timeout: 15_000 }).toContain('Paused')
    const list = await call(base, 'GET', '/v1/email/programs', secretKey)
    expect(list.json.data).toMatchObject([{ surveyId, dailyCap: 25, state: 'paused' }])
    await context.close()
  }, 90_000)
})
