// Single sign-on in Chromium against a real OpenID Connect provider: panva's oidc-provider runs
// inside the test on 127.0.0.1 (the worker reaches it because the browser tests' worker runs with
// WEBHOOKS_ALLOW_LOCAL=true, test/browser/harness.ts), with a client registered for the worker.
// A member signs in through the provider's own login and consent pages into the dashboard; a
// callback whose state was tampered with is refused; an owner edits the settings form.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { Provider } from 'oidc-provider'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { axe, call, seedShop } from './dashboard-helpers'

const base = inject('workerUrl')
const CLIENT = { id: 'kundepuls-browser', secret: 'browser-test-client-secret-0123456789' }

/** A person whose email the provider vouches for: the login typed on its page is the email. */
const claimsOf = (email: string) => ({ sub: email, email, email_verified: true })

async function startProvider(redirectUri: string) {
  // The issuer needs the port, so listen first and build the provider on the port we got.
  const { createServer } = await import('node:http')
  let handler: ReturnType<Provider['callback']> | undefined
  const server: Server = createServer((req, res) => handler?.(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => claimsOf(id) }),
    pkce: { required: () => true },
    cookies: { keys: ['browser-test-cookie-key'] },
    // The provider's own login and consent pages (any password is accepted).
    features: { devInteractions: { enabled: true } },
  })
  handler = provider.callback()
  return { issuer, close: () => new Promise<void>((r) => server.close(() => r())) }
}

describe.skipIf(!base)('single sign-on in Chromium', () => {
  let browser: Browser
  let idp: Awaited<ReturnType<typeof startProvider>>
  let shop: Awaited<ReturnType<typeof seedShop>>
  const memberEmail = `sso-member-${Date.now()}@example.com`
  const owner = { email: `sso-owner-${Date.now()}@example.com`, password: 'owner passphrase 1' }

  beforeAll(async () => {
    browser = await launchBrowser()
    idp = await startProvider(`${base}/v1/auth/oidc/callback`)
    shop = await seedShop(base)
    const sk = shop.project.secretKey
    const put = await call(base, 'PUT', '/v1/project/oidc', sk, {
      issuer: idp.issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      displayName: 'Test IdP',
    })
    expect(put.status, put.text).toBe(200)
    expect(put.json.redirectUri).toBe(`${base}/v1/auth/oidc/callback`)
    expect(put.text).not.toContain(CLIENT.secret)
    // A member who never set a password; and an owner with one, for the settings form.
    for (const [email, role, password] of [
      [memberEmail, 'member', 'member passphrase 1'],
      [owner.email, 'owner', owner.password],
    ] as const) {
      const inv = await call(base, 'POST', '/v1/members', sk, { email, role })
      const token = new URL(inv.json.inviteUrl).hash.replace('#token=', '')
      const res = await fetch(`${base}/v1/auth/invites/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ token, password }),
      })
      expect(res.status).toBe(201)
    }
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await idp?.close()
  })

  /** From the dashboard's SSO link to the provider's login page. */
  async function toProviderLogin(context: BrowserContext) {
    const page = await context.newPage()
    await page.goto(`${base}/app`)
    await page.getByRole('link', { name: 'Sign in with single sign-on (SSO)' }).click()
    await page.getByLabel('Project ID').fill(shop.project.id)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click()
    await page.waitForURL(`${idp.issuer}/**`)
    return page
  }

  async function logInAtProvider(page: Page, email: string) {
    await page.locator('input[name=login]').fill(email)
    await page.locator('input[name=password]').fill('anything')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    // Consent, the first time this account meets the client.
    await page.getByRole('button', { name: 'Continue' }).click()
  }

  it("signs a member in through the provider's login and consent pages into the dashboard", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await toProviderLogin(context)
    await logInAtProvider(page, memberEmail)
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/app/overview')
    const [session] = (await context.cookies(base)).filter((c) => c.name === 'kp_user')
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect((await context.cookies(base)).some((c) => c.name === 'kp_oidc')).toBe(false)
    const me = await page.request.get(`${base}/v1/auth/me`)
    expect(await me.json()).toMatchObject({
      user: { email: memberEmail },
      projectId: shop.project.id,
    })
    await context.close()
  })

  it('refuses a callback whose state was tampered with, and signs nobody in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await toProviderLogin(context)
    await page.locator('input[name=login]').fill(memberEmail)
    await page.locator('input[name=password]').fill('anything')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    await page.getByRole('button', { name: 'Continue' }).waitFor()
    // Consent through this context's own cookies, not followed (a route cannot catch the
    // callback: Playwright routes only the first URL of a redirect chain): the provider answers
    // with its resume URL, which answers with the redirect to our callback.
    const action = await page.locator('form').getAttribute('action')
    const consent = await page.request.post(new URL(action!, idp.issuer).toString(), {
      form: { prompt: 'consent' },
      maxRedirects: 0,
    })
    const resumed = await page.request.get(
      new URL(consent.headers().location, idp.issuer).toString(),
      { maxRedirects: 0 },
    )
    const back = resumed.headers().location
    expect(back).toContain(`${base}/v1/auth/oidc/callback?code=`)
    const tampered = new URL(back)
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`)
    await page.goto(tampered.toString())
    await page
      .getByRole('alert')
      .filter({ hasText: 'could not be matched to this browser' })
      .waitFor()
    expect(new URL(page.url()).pathname).toBe(`/app/sso/${shop.project.id}`)
    expect((await context.cookies(base)).some((c) => c.name === 'kp_user')).toBe(false)
    // The genuine answer no longer works either: the flow's cookie is gone.
    await page.goto(back)
    await page.getByRole('alert').filter({ hasText: 'could not be matched' }).waitFor()
    expect((await context.cookies(base)).some((c) => c.name === 'kp_user')).toBe(false)
    await context.close()
  })

  it('has no axe violations on the sign-on pages, dark at 390 px, and nothing wider', async () => {
    // bypassCSP: axe is injected as an inline script, which the dashboard's CSP refuses.
    const context = await browser.newContext({
      colorScheme: 'dark',
      viewport: { width: 390, height: 800 },
      bypassCSP: true,
    })
    const page = await context.newPage()
    for (const path of ['/app/sso', `/app/sso/${shop.project.id}?error=token_rejected`]) {
      await page.goto(base + path)
      await page.getByRole('heading', { name: 'Single sign-on' }).waitFor()
      await page.waitForLoadState('networkidle')
      expect(await axe(page), path).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBe(390)
    }
    await context.close()
  })

  it('lets an owner open the settings form, change the name, save, reload and see it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${base}/app`)
    await page.getByLabel('Email').fill(owner.email)
    await page.getByLabel('Password').fill(owner.password)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    await page.goto(`${base}/app/settings`)
    await page.getByRole('heading', { name: 'Single sign-on (OpenID Connect)' }).waitFor()
    await expect.poll(() => page.getByLabel('Issuer URL').inputValue()).toBe(idp.issuer)
    expect(await page.getByLabel(/^Client secret/).inputValue()).toBe('')
    await expect
      .poll(() => page.getByTestId('sso-redirect-uri').textContent())
      .toBe(`${base}/v1/auth/oidc/callback`)
    await page.getByLabel('Name on the sign-in button (optional)').fill('Acme Login')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.reload()
    await expect
      .poll(() => page.getByLabel('Name on the sign-in button (optional)').inputValue())
      .toBe('Acme Login')
    const api = await call(base, 'GET', '/v1/project/oidc', shop.project.secretKey)
    expect(api.json).toMatchObject({ displayName: 'Acme Login', clientId: CLIENT.id })
    // The stored secret was kept: single sign-on still works with the new name on the button.
    const other = await browser.newContext()
    const sso = await other.newPage()
    await sso.goto(`${base}/app/sso/${shop.project.id}`)
    await sso.getByRole('link', { name: 'Sign in with Acme Login' }).click()
    await sso.waitForURL(`${idp.issuer}/**`)
    await other.close()
    await context.close()
  })
})
