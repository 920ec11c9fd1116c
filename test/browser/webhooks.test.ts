// Webhooks against a real `wrangler dev` (local queue, real consumer, real network) and a
// receiver on 127.0.0.1 that verifies every delivery with the standardwebhooks library.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ADMIN_TOKEN, hostPages, launchBrowser, type HostPages } from './harness'

const base = inject('workerUrl')

interface Hit {
  path: string
  headers: IncomingHttpHeaders
  body: string
  at: number
}

/** A receiver: /flaky answers 500 twice, then 200; everything else 200. */
async function startReceiver() {
  const hits: Hit[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() })
      const flakyHits = hits.filter((h) => h.path === '/flaky').length
      res.writeHead(req.url === '/flaky' && flakyHits <= 2 ? 500 : 200).end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json: any = await res.json().catch(() => undefined)
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

const verify = (secret: string, h: Hit) =>
  new Webhook(secret).verify(h.body, {
    'webhook-id': String(h.headers['webhook-id']),
    'webhook-timestamp': String(h.headers['webhook-timestamp']),
    'webhook-signature': String(h.headers['webhook-signature']),
  }) as { type: string; data: { id: string; score: number; category: string } }

async function until<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = fn()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe.skipIf(!base)('webhooks under wrangler dev', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let browser: Browser
  let pages: HostPages
  let sk = ''
  let surveyId = ''

  beforeAll(async () => {
    receiver = await startReceiver()
    browser = await launchBrowser()
    sk = (await api('POST', '/v1/projects', ADMIN_TOKEN, { name: 'Webhook shop' })).secretKey
    surveyId = (await api('POST', '/v1/surveys', sk, { name: 'After purchase', kind: 'nps' })).id
    pages = await hostPages({
      '/shop': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Order confirmed</h1></main>
<script src="${base}/widget.js" data-survey="${surveyId}" data-touchpoint="purchase" async></script>
</body></html>`,
    })
  })

  afterAll(async () => {
    await browser?.close()
    await pages?.close()
    await receiver?.close()
  })

  it('a detractor answer through the widget reaches a local receiver, signed, within seconds', async () => {
    const hook = await api('POST', '/v1/webhooks', sk, {
      url: `${receiver.url}/widget`,
      events: ['response.created'],
      filter: { categories: ['detractor'] },
    })
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${pages.url}/shop`)
    await page.locator('kundepuls-widget [role=radio]', { hasText: /^2$/ }).click()
    const clicked = Date.now()
    const hit = await until(() => receiver.hits.find((h) => h.path === '/widget'))
    const ms = hit.at - clicked
    console.log(`answer → delivery under wrangler dev: ${ms} ms`)
    expect(ms).toBeLessThan(10_000)
    const event = verify(hook.secret, hit)
    expect(event).toMatchObject({
      type: 'response.created',
      data: { score: 2, category: 'detractor' },
    })
    await context.close()
    // Exactly one delivery for one event.
    await new Promise((r) => setTimeout(r, 2000))
    expect(receiver.hits.filter((h) => h.path === '/widget')).toHaveLength(1)
  })

  it('a receiver that fails twice gets the event exactly once more, with the same webhook-id', async () => {
    const hook = await api('POST', '/v1/webhooks', sk, {
      url: `${receiver.url}/flaky`,
      events: ['response.created'],
    })
    await fetch(`${base}/v1/public/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: crypto.randomUUID(), surveyId, score: 1 }),
    })
    const flaky = () => receiver.hits.filter((h) => h.path === '/flaky')
    await until(() => flaky().length >= 3, 15_000)
    await new Promise((r) => setTimeout(r, 3000)) // nothing more arrives after the 200
    expect(flaky()).toHaveLength(3)
    expect(new Set(flaky().map((h) => h.headers['webhook-id'])).size).toBe(1)
    for (const h of flaky()) expect(verify(hook.secret, h).data.score).toBe(1)
    const log = await api('GET', `/v1/webhooks/${hook.id}/deliveries`, sk)
    expect(log.data).toMatchObject([{ status: 'delivered', attempts: 3, lastStatusCode: 200 }])
  })

  it('a Slack-format endpoint receives a Block Kit message', async () => {
    await api('POST', '/v1/webhooks', sk, {
      url: `${receiver.url}/slack/T1/B2/secret`,
      events: ['response.created'],
      format: 'slack',
    })
    await fetch(`${base}/v1/public/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: crypto.randomUUID(), surveyId, score: 0, reason: 'Broken' }),
    })
    const hit = await until(() => receiver.hits.find((h) => h.path.startsWith('/slack')))
    const msg = JSON.parse(hit.body)
    expect(msg.blocks.map((b: { type: string }) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'actions',
    ])
    expect(msg.blocks[0].text.text).toBe('🔴 Detractor · 0/10')
    expect(msg.blocks[1].text.text).toBe('>Broken')
    expect(hit.headers['webhook-signature']).toBeUndefined()
  })
})
