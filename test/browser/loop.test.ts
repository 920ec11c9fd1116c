// The closed loop in Chromium, the most common path: open an overdue detractor from the inbox's
// "Overdue" view, mark it contacted by call, resolve it, reload, and read the history; the API
// agrees. Then the audit log shows those changes.
import { randomUUID } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, call, seedShop, signedIn } from './dashboard-helpers'
import { launchBrowser } from './harness'

const base = inject('workerUrl')

describe.skipIf(!base)('the closed loop in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>
  const late = { id: randomUUID(), reason: 'The parcel came crushed and nobody answered my mail' }

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
    // Imported three days ago: a follow-up whose 48-hour deadline has passed.
    const imported = await call(base, 'POST', '/v1/responses/import', shop.project.secretKey, {
      responses: [
        {
          ...late,
          surveyId: shop.survey.id,
          score: 1,
          createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        },
      ],
    })
    if (imported.status !== 200) throw new Error(imported.text)
  })
  afterAll(() => browser?.close())

  it('opens an overdue detractor, marks it contacted by call, resolves it, and the history survives a reload', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey, {
      bypassCSP: true,
    })
    await page.goto(`${base}/app/inbox?view=overdue`)
    const card = page.getByTestId('loop-item').filter({ hasText: late.reason })
    await card.waitFor()
    expect(await card.textContent()).toContain('Overdue')
    expect(await axe(page)).toEqual([])
    await card.getByRole('link', { name: 'Open the answer' }).click()
    await page.getByRole('heading', { name: 'Answer', exact: true }).waitFor()
    const state = page.getByTestId('follow-up-state')
    await expect.poll(() => state.textContent()).toContain('Open')
    await page.getByLabel('How').selectOption('call')
    await page.getByRole('button', { name: 'Mark as contacted' }).click()
    await expect.poll(() => state.textContent()).toContain('Contacted · Call')
    await page.getByLabel('Comment on this step').fill('Sent a new parcel')
    await page.getByRole('button', { name: 'Resolve' }).click()
    await expect.poll(() => state.textContent()).toContain('Resolved')
    expect(await axe(page)).toEqual([])
    await page.reload()
    const history = page.getByTestId('follow-up-history')
    await history.waitFor()
    const text = await history.textContent()
    expect(text).toContain('State: Contacted (Call)')
    expect(text).toContain('State: Resolved (Call)')
    expect(text).toContain('Note: Sent a new parcel')
    expect(text).toContain('session:full')
    const stored = await call(
      base,
      'GET',
      `/v1/responses/${late.id}/follow-up`,
      shop.project.secretKey,
    )
    expect(stored.json).toMatchObject({ state: 'resolved', via: 'call', overdue: false })
    expect(stored.json.contactedAt).not.toBeNull()

    await page.goto(`${base}/app/audit`)
    const table = page.getByTestId('audit-table')
    await table.waitFor()
    expect(await table.textContent()).toContain('PATCH /v1/responses/:id/follow-up')
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })
})
