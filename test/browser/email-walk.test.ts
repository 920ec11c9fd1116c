// Issue 19's walk-through in one browser session, as a new user makes it after `npm start` (the
// browser tests' worker runs with the same local mail view and cron clock): a rule for
// `order.delivered`, an event, the clock moved to the send time, the email in /dev/mail, a click
// on a score, Send, the answer in the dashboard with channel email; then a second person
// unsubscribes in one click and gets no reminder when the clock passes the reminder's time.
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { call, signedIn } from './dashboard-helpers'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')
const DAY = 86_400_000

interface Send {
  id: string
  state: string
  reason?: string
  email: string
  scheduledFor: string
}

describe.skipIf(!base)('survey emails from an event to the dashboard, and unsubscribe', () => {
  let browser: Browser
  let secretKey: string
  let surveyId: string
  const run = Date.now().toString(36)
  const ann = `ann-${run}@example.com`
  const bob = `bob-${run}@example.com`

  beforeAll(async () => {
    browser = await launchBrowser()
    const api = workerApi(base)
    const project = await api.createProject('Walk-through shop')
    secretKey = project.secretKey
    surveyId = (await api.createSurvey(secretKey, { name: 'After delivery' })).id
    const rule = await call(base, 'POST', '/v1/email/rules', secretKey, {
      eventType: 'order.delivered',
      surveyId,
      delayMinutes: 2 * 24 * 60,
      reminderAfterDays: 3,
    })
    expect(rule.status, rule.text).toBe(201)
  })
  afterAll(() => browser?.close())

  /** Posts an `order.delivered` event; answers the send it scheduled. */
  async function deliver(email: string, ref: string) {
    const res = await call(base, 'POST', '/v1/events', secretKey, {
      type: 'order.delivered',
      customerId: `cus_${ref}`,
      email,
      ref,
      occurredAt: new Date().toISOString(),
      timeZone: 'Europe/Copenhagen',
    })
    expect(res.status, res.text).toBe(202)
    expect(res.json.scheduled).toHaveLength(1)
    return res.json.scheduled[0] as { sendId: string; scheduledFor: string }
  }

  const sends = async () =>
    (await call(base, 'GET', '/v1/email/sends?limit=100', secretKey)).json.data as Send[]

  /** Moves the local cron clock (POST /dev/cron?at=, the button on /dev/mail does it for now). */
  async function cronAt(at: number) {
    const res = await fetch(`${base}/dev/cron?at=${new Date(at).toISOString()}`, {
      method: 'POST',
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }

  /** Opens the local mail view and the newest message to `to`, as the person would see it. */
  async function openMail(context: BrowserContext, to: string) {
    const page = await context.newPage()
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/dev/mail`)
          return page.getByRole('listitem').filter({ hasText: to }).count()
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0)
    await page
      .getByRole('listitem')
      .filter({ hasText: to })
      .first()
      .getByRole('link')
      .first()
      .click()
    await page.getByRole('link', { name: '9', exact: true }).waitFor()
    return page
  }

  it('sends the email when the clock reaches the send time; a click on 9 and Send land in the dashboard as an email answer', async () => {
    const scheduled = await deliver(ann, 'order-ann')
    // Two days later, inside the weekday window in Copenhagen: not before.
    expect(Date.parse(scheduled.scheduledFor)).toBeGreaterThanOrEqual(Date.now() + 2 * DAY - 60_000)
    await cronAt(Date.parse(scheduled.scheduledFor) - 60_000)
    expect((await sends()).find((s) => s.id === scheduled.sendId)?.state).toBe('scheduled')
    await cronAt(Date.parse(scheduled.scheduledFor))
    await expect
      .poll(async () => (await sends()).find((s) => s.id === scheduled.sendId)?.state, {
        timeout: 20_000,
      })
      .toBe('sent')

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    try {
      const mail = await openMail(context, ann)
      const [survey] = await Promise.all([
        context.waitForEvent('page'),
        mail.getByRole('link', { name: '9', exact: true }).click(),
      ])
      await survey.waitForLoadState()
      await expect.poll(() => survey.getByRole('radio', { name: /^9 / }).isChecked()).toBe(true)
      await survey.getByRole('button', { name: 'Send' }).click()
      await expect
        .poll(async () => (await sends()).find((s) => s.id === scheduled.sendId)?.state, {
          timeout: 15_000,
        })
        .toBe('answered')
    } finally {
      await context.close()
    }

    const listed = await call(base, 'GET', `/v1/responses?surveyId=${surveyId}`, secretKey)
    expect(listed.json.data).toHaveLength(1)
    const answer = listed.json.data[0]
    expect(answer).toMatchObject({
      score: 9,
      customerId: 'cus_order-ann',
      channel: 'link',
      linkChannel: 'email',
    })
    const { page, context: dash, problems } = await signedIn(browser, base, secretKey)
    try {
      await page.goto(`${base}/app/responses/${answer.id}`)
      const channel = page
        .locator('dt', { hasText: 'Channel' })
        .locator('xpath=following-sibling::dd[1]')
      await expect.poll(() => channel.textContent(), { timeout: 15_000 }).toBe('email')
      expect(problems).toEqual([])
    } finally {
      await dash.close()
    }
  }, 90_000)

  it('unsubscribes in one click from the email, and the reminder is not sent', async () => {
    const scheduled = await deliver(bob, 'order-bob')
    const sentAt = Date.parse(scheduled.scheduledFor)
    await cronAt(sentAt)
    await expect
      .poll(async () => (await sends()).find((s) => s.id === scheduled.sendId)?.state, {
        timeout: 20_000,
      })
      .toBe('sent')
    const reminder = (await sends()).find((s) => s.email === bob && s.id !== scheduled.sendId)
    expect(reminder).toMatchObject({ state: 'scheduled' })

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      const mail = await openMail(context, bob)
      // The footer link opens in a new tab, like the scores.
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        mail.getByRole('link', { name: 'Unsubscribe from these surveys' }).click(),
      ])
      // Opening the link changes nothing (a scanner that follows it unsubscribes nobody) …
      await page.getByRole('button', { name: 'Unsubscribe' }).waitFor()
      expect((await sends()).find((s) => s.id === reminder!.id)?.state).toBe('scheduled')
      // … the person's one click does.
      await page.getByRole('button', { name: 'Unsubscribe' }).click()
      await page.getByText('You are unsubscribed.').waitFor()
    } finally {
      await context.close()
    }
    expect((await sends()).find((s) => s.id === reminder!.id)).toMatchObject({
      state: 'cancelled',
      reason: 'unsubscribed',
    })
    // The clock passes the reminder's time: nothing more reaches the local mail view for Bob.
    await cronAt(sentAt + 4 * DAY)
    await new Promise((r) => setTimeout(r, 2_000))
    const view = await (await fetch(`${base}/dev/mail`)).text()
    expect(view.split(bob).length - 1).toBe(1)
    const suppressions = await call(base, 'GET', '/v1/suppressions', secretKey)
    expect(suppressions.status).toBe(200)
    expect(JSON.stringify(suppressions.json)).toContain('unsubscribed')
  }, 90_000)
})
