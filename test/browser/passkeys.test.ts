// Passkeys in Chromium with its virtual authenticator (DevTools protocol, WebAuthn domain): a
// person signs in with a password, adds a passkey on the Account page, signs out, signs in with
// the passkey alone and sees the dashboard; a reload lists the passkey; removing it works.
// https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { axe, seedPerson, seedShop } from './dashboard-helpers'

const workerUrl = inject('workerUrl')
// WebAuthn refuses an IP address as RP ID: the page must be on a host name. "localhost" is a
// secure context over plain http, and the worker listens on 127.0.0.1.
const base = workerUrl?.replace('127.0.0.1', 'localhost')

/** A platform authenticator that holds discoverable passkeys and verifies the person at once. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  const credentials = async () =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials
  return { credentials }
}

/** axe clean and nothing wider than the screen, light and wide, dark and phone-sized. */
async function checkPage(page: Page) {
  for (const [colorScheme, width] of [
    ['light', 1280],
    ['dark', 390],
  ] as const) {
    await page.emulateMedia({ colorScheme })
    await page.setViewportSize({ width, height: 900 })
    expect(await axe(page), `${colorScheme} ${width}`).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    )
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 900 })
}

describe.skipIf(!base)('passkeys in Chromium', () => {
  let browser: Browser
  const person = { email: `passkey-${Date.now()}@example.com`, password: 'passkey passphrase 1' }

  beforeAll(async () => {
    browser = await launchBrowser()
    const shop = await seedShop(workerUrl)
    await seedPerson(workerUrl, shop.project.secretKey, { ...person, role: 'admin' })
  })
  afterAll(() => browser?.close())

  it('adds a passkey, signs in with it alone, lists it after a reload and removes it', async () => {
    // bypassCSP: axe is injected as a script tag.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    })
    const page = await context.newPage()
    const authenticator = await virtualAuthenticator(context, page)

    await page.goto(`${base}/app`)
    await page.getByLabel('Email').fill(person.email)
    await page.getByLabel('Password').fill(person.password)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()

    await page.goto(`${base}/app/account`)
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor()
    await page.getByText('No passkeys yet.').waitFor()
    await page.getByLabel(/^Name/).fill('Test laptop')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.getByRole('status').filter({ hasText: 'Passkey added.' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: 'Test laptop' }).waitFor()
    const made = await authenticator.credentials()
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' })
    // The section with a passkey listed.
    await checkPage(page)

    // Signed out, then back in with the passkey only: no email, no password.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor()
    await checkPage(page)
    expect((await context.cookies()).filter((c) => c.name === 'kp_user')).toEqual([])
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kp_user')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect((await authenticator.credentials())[0].signCount).toBeGreaterThan(0)

    await page.goto(`${base}/app/account`)
    await page.reload()
    const item = page.getByRole('listitem').filter({ hasText: 'Test laptop' })
    await item.waitFor()
    await expect.poll(() => item.textContent()).toContain('last used')

    await page.getByRole('button', { name: 'Remove the passkey Test laptop' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await page.getByText('No passkeys yet.').waitFor()
    await page.reload()
    await page.getByText('No passkeys yet.').waitFor()
    await context.close()
  }, 120_000)

  it('refuses the passkey once it is removed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await virtualAuthenticator(context, page)
    await page.goto(`${base}/app`)
    await page.getByLabel('Email').fill(person.email)
    await page.getByLabel('Password').fill(person.password)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    await page.goto(`${base}/app/account`)
    await page.getByLabel(/^Name/).fill('Soon gone')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.getByRole('status').filter({ hasText: 'Passkey added.' }).waitFor()
    await page.getByRole('button', { name: 'Remove the passkey Soon gone' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('listitem').filter({ hasText: 'Soon gone' }).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    // The authenticator still holds the passkey; the server no longer knows it.
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await page.getByRole('alert').filter({ hasText: 'not known here' }).waitFor()
    await context.close()
  }, 120_000)
})
