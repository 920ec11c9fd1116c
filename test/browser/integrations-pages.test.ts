// The integration screens in Chromium, as a developer and a support lead use them: add a webhook,
// keep its secret, send a test and read it in the delivery log, pause it, reload, see it; connect
// a help desk and read its setup steps and events log.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './harness'
import { call, seedShop, signedIn } from './dashboard-helpers'

const base = inject('workerUrl')

describe.skipIf(!base)('the integration pages in Chromium', () => {
  let browser: Browser
  let shop: Awaited<ReturnType<typeof seedShop>>
  let receiver: Server
  const hits: { headers: Record<string, string>; body: string }[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    shop = await seedShop(base)
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        )
        hits.push({ headers, body })
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => receiver?.close(r))
  })

  it('adds a webhook, shows its secret once, delivers a signed test, and pauses it for good', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('link', { name: 'Webhooks and Slack alerts' }).click()
    await page.getByText('No endpoints yet.').waitFor()
    await page.getByLabel('Kind').selectOption('standard')
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    await page.getByLabel('Endpoint URL (https)').fill(url)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = (await page.getByTestId('webhook-secret').textContent())!
    expect(secret).toMatch(/^whsec_/)
    await page.getByRole('button', { name: 'Send a test' }).click()
    await page.getByText(/Test delivered \(HTTP 200\)/).waitFor()
    // What arrived is signed with the secret the page showed.
    const hit = hits.at(-1)!
    expect(() => new Webhook(secret).verify(hit.body, hit.headers)).not.toThrow()
    await page.getByText('Deliveries').click()
    await page.getByRole('cell', { name: 'delivered' }).waitFor()
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByText('Paused').waitFor()
    await page.reload()
    await page.getByRole('button', { name: 'Resume' }).waitFor()
    // The secret is not shown again, and the API agrees with the page.
    expect(await page.getByTestId('webhook-secret').count()).toBe(0)
    const api = await call(base, 'GET', '/v1/webhooks', shop.project.secretKey)
    expect(api.json.data).toEqual([expect.objectContaining({ url, enabled: false })])
    expect(problems).toEqual([])
    await context.close()
  })

  it('connects Zendesk, shows the setup steps and the empty events log, and lists it after a reload', async () => {
    const { page, context, problems } = await signedIn(browser, base, shop.project.secretKey)
    await page.goto(`${base}/app/settings/connections`)
    await page.getByText('No help desk connected yet.').waitFor()
    await page.getByRole('combobox', { name: /^Help desk/ }).selectOption('zendesk')
    await page.getByLabel('Help desk address').fill('https://acme.zendesk.com')
    await page.getByLabel('Agent email').fill('agent@acme.example')
    await page.getByLabel('API token').fill('zd-token-123')
    await page.getByRole('button', { name: 'Connect help desk' }).click()
    await page.getByText(/Zendesk connected/).waitFor()
    const api = await call(base, 'GET', '/v1/connections', shop.project.secretKey)
    expect(api.json.data).toEqual([
      expect.objectContaining({
        kind: 'zendesk',
        baseUrl: 'https://acme.zendesk.com',
        verified: false,
      }),
    ])
    await expect(page.locator('main').textContent()).resolves.toContain(api.json.data[0].inboundUrl)
    await page.reload()
    await page.getByText('Not verified yet').waitFor()
    // Secrets typed in the form never come back to the page.
    expect(await page.locator('main').textContent()).not.toContain('zd-token-123')
    await page.getByText('Setup and events').click()
    await page.getByText('No events.').waitFor()
    expect(await page.locator('ol li').count()).toBeGreaterThan(1)
    expect(problems).toEqual([])
    await context.close()
  })
})
