// People in Chromium: an owner signs in with a password, invites a teammate from the members
// screen, the teammate opens the link in another browser (context), sets a password and lands
// signed in; then signs in again with it. Also: "your sessions" shows both of the owner's browsers.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { seedPerson, seedShop } from './dashboard-helpers'

const base = inject('workerUrl')

describe.skipIf(!base)('accounts in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>
  const owner = { email: `owner-${Date.now()}@example.com`, password: 'owner passphrase 1' }

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
    // The first owner is invited with the project's secret key (as `npm start` seeds one).
    await seedPerson(base, shop.project.secretKey, { ...owner, role: 'owner' })
  })
  afterAll(() => browser?.close())

  async function signInWithPassword(email: string, password: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${base}/app`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    return { context, page }
  }

  it('signs in, invites a member, who sets a password in another browser and signs in', async () => {
    const { page, context } = await signInWithPassword(owner.email, owner.password)
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kp_user')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    await page.goto(`${base}/app/settings/members`)
    await page.getByRole('heading', { name: 'Members' }).waitFor()
    const mate = `mate-${Date.now()}@example.com`
    await page.getByLabel('Email').fill(mate)
    await page.getByLabel('Role', { exact: true }).selectOption('member')
    await page.getByRole('button', { name: 'Invite' }).click()
    const status = page.getByRole('status').filter({ hasText: 'Invitation link' })
    await status.waitFor()
    const url = (await status.textContent())!.match(/https?:\/\/\S+#token=\S+/)![0]

    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const invited = await other.newPage()
    await invited.goto(url)
    await invited.getByRole('heading', { name: /^Join / }).waitFor()
    await invited.getByLabel(/New password/).fill('member passphrase 1')
    await invited.getByRole('button', { name: 'Join' }).click()
    await invited.getByRole('navigation', { name: 'Main' }).waitFor()
    await other.close()

    // The link worked once.
    const again = await browser.newContext()
    const reused = await again.newPage()
    await reused.goto(url)
    await reused.getByText('This invitation was used, revoked or has expired').waitFor()
    await again.close()

    const member = await signInWithPassword(mate, 'member passphrase 1')
    await member.page.goto(`${base}/app/account`)
    await member.page.getByRole('heading', { name: 'Your sessions' }).waitFor()
    await expect
      .poll(() => member.page.locator('#project option').allTextContents())
      .toEqual(['Dashboard shop (Member)'])
    await member.context.close()

    await page.reload()
    await expect
      .poll(() => page.locator('main table').textContent(), { timeout: 10_000 })
      .toContain(mate)
    await context.close()
  }, 120_000)
})
