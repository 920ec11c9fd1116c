// One inbox for the project and the answer page, in Chromium: the follow-ups of every survey with
// their ticket ref and a count in the nav; /app/responses/:id opened directly (where Slack and
// webhook links land), closed there, reloaded, still closed; the API agrees.
import { randomUUID } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, call, seedShop, signedIn } from './dashboard-helpers'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('the follow-up inbox and the answer page in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>
  const ticket = { id: randomUUID(), ref: 'ZD-4711', reason: 'Waited three days for an answer' }
  const earlier = { id: randomUUID(), reason: 'Lovely beans, fast delivery' }

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
    const api = workerApi(base)
    const sk = shop.project.secretKey
    const ces = await api.createSurvey(sk, { name: 'Support (CES)', kind: 'ces' })
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()
    const imported = await call(base, 'POST', '/v1/responses/import', sk, {
      responses: [
        {
          ...ticket,
          surveyId: ces.id,
          score: 1,
          touchpoint: 'support',
          customerId: 'cus_ticket',
          properties: { plan: 'pro' },
          createdAt: day(1),
        },
        {
          ...earlier,
          surveyId: shop.survey.id,
          score: 10,
          customerId: 'cus_ticket',
          createdAt: day(20),
        },
      ],
    })
    expect(imported.status, imported.text).toBe(200)
    // The newest survey has no answers: the inbox must not be empty because of it.
    await api.createSurvey(sk, { name: 'Brand new survey' })
  })
  afterAll(() => browser?.close())

  const pending = async () =>
    (
      await call(
        base,
        'GET',
        '/v1/responses?polarity=negative&followUp=pending&limit=100',
        shop.project.secretKey,
      )
    ).json

  it('lists the open follow-ups of every survey with their ticket ref and channel, counted in the nav', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey, {
      bypassCSP: true,
    })
    const open = await pending()
    const count = `${open.data.length}${open.nextCursor ? '+' : ''}`
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect
      .poll(() => nav.getByRole('link', { name: /Follow-up/ }).textContent())
      .toContain(count)
    await nav.getByRole('link', { name: /Follow-up/ }).click()
    await page.getByRole('heading', { name: 'Follow-up inbox' }).waitFor()
    await page.getByRole('main').getByLabel('Survey').selectOption({ label: 'Support (CES)' })
    const card = page.locator('li.followup', { hasText: ticket.reason })
    await card.waitFor()
    expect(await card.textContent()).toContain(ticket.ref)
    expect(await card.textContent()).toContain('Channel: import')
    expect(await card.textContent()).toContain('Support (CES)')
    expect(await page.locator('li.followup').count()).toBe(1)
    expect(await axe(page)).toEqual([])
    await page.getByRole('main').getByLabel('Survey').selectOption({ label: 'All surveys' })
    await expect.poll(() => page.locator('li.followup').count()).toBeGreaterThan(1)
    expect(problems).toEqual([])
    await context.close()
  })

  it('opens /app/responses/:id directly: the answer, the customer’s other answers; closing it there survives a reload', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey, {
      bypassCSP: true,
    })
    await page.goto(`${base}/app/responses/${ticket.id}`)
    await page.getByRole('heading', { name: 'Answer', exact: true }).waitFor()
    const main = page.locator('main')
    await main.getByText(ticket.reason).waitFor()
    for (const fact of [ticket.ref, 'support', 'import', 'cus_ticket', 'plan', 'pro', 'difficult'])
      expect(await main.textContent()).toContain(fact)
    await main.getByText(earlier.reason).waitFor()
    expect(await axe(page)).toEqual([])
    await page.getByLabel('Note').fill('Called back; ticket escalated')
    await page.getByRole('button', { name: 'Mark as closed' }).click()
    await page.getByRole('button', { name: 'Reopen' }).waitFor()
    await page.reload()
    await main.getByText(ticket.reason).waitFor()
    await page.getByRole('button', { name: 'Reopen' }).waitFor()
    expect(await page.getByLabel('Note').inputValue()).toBe('Called back; ticket escalated')
    const stored = await call(base, 'GET', `/v1/responses/${ticket.id}`, shop.project.secretKey)
    expect(stored.json).toMatchObject({ followUp: 'closed', note: 'Called back; ticket escalated' })
    expect((await pending()).data.map((r: { id: string }) => r.id)).not.toContain(ticket.id)
    expect(problems).toEqual([])
    await context.close()
  })
})
