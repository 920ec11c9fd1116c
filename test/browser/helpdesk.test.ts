// A Zendesk connection end to end against a real `wrangler dev` (local queue, real consumer, real
// network) and a fake Zendesk on 127.0.0.1: a signed trigger call → a public comment with a
// working /s/ link → the customer answers in Chromium → the answer carries the ticket as ref.
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')
const SIGNING_SECRET = 'e2e-zendesk-signing-secret'
const CREDS = { email: 'agent@acme.example', apiToken: 'e2e-token' }

/** Zendesk's three endpoints the connector uses, with Zendesk's auth and error answers. */
async function startZendesk() {
  const comments: { html_body: string; public: boolean }[] = []
  const auth = `Basic ${Buffer.from(`${CREDS.email}/token:${CREDS.apiToken}`).toString('base64')}`
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
      if (req.headers.authorization !== auth)
        return send(401, { error: "Couldn't authenticate you" })
      const url = new URL(req.url ?? '/', 'http://zd.invalid')
      if (req.method === 'GET' && url.pathname === '/api/v2/tickets/4711.json')
        return send(200, {
          ticket: {
            id: 4711,
            status: 'solved',
            tags: ['billing'],
            requester_id: 61,
            group_id: 5,
            assignee_id: 9,
            via: { channel: 'email' },
          },
          users:
            url.searchParams.get('include') === 'users'
              ? [{ id: 61, role: 'end-user', email: 'ann@example.com', locale: 'en-US' }]
              : [],
        })
      if (req.method === 'GET' && url.pathname === '/api/v2/tickets/4711/comments.json')
        return send(200, { comments })
      if (req.method === 'PUT' && url.pathname === '/api/v2/tickets/4711.json') {
        const comment = JSON.parse(body)?.ticket?.comment
        if (typeof comment?.html_body !== 'string' || comment.public !== true)
          return send(422, { error: 'RecordInvalid' })
        comments.push(comment)
        return send(200, { ticket: { id: 4711 } })
      }
      send(404, { error: 'RecordNotFound' })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

async function until<T>(fn: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(!base)('Zendesk connector end to end', () => {
  let browser: Browser
  let zendesk: Awaited<ReturnType<typeof startZendesk>>
  const api = workerApi(base)

  beforeAll(async () => {
    browser = await launchBrowser()
    zendesk = await startZendesk()
  })
  afterAll(async () => {
    await browser?.close()
    await zendesk?.close()
  })

  it('a signed trigger call becomes a public comment whose link records the answer with the ticket as ref', async () => {
    const project = await api.createProject('Support team')
    const survey = await api.createSurvey(project.secretKey, { name: 'After ticket' })
    const created = await fetch(`${base}/v1/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${project.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'zendesk',
        surveyId: survey.id,
        baseUrl: zendesk.url,
        credentials: CREDS,
        signingSecret: SIGNING_SECRET,
        rules: { delayMinutes: 0 },
      }),
    })
    expect(created.status).toBe(201)
    const conn = (await created.json()) as { id: string; inboundUrl: string }
    expect(conn.inboundUrl).toBe(`${base}/v1/inbound/${conn.id}`)

    // What Zendesk's trigger sends, signed as Zendesk signs it.
    const body = JSON.stringify({
      ticketId: '4711',
      requesterId: '61',
      email: 'ann@example.com',
      tags: 'billing',
      status: 'Solved',
      via: 'Mail',
    })
    const ts = new Date().toISOString()
    const sig = createHmac('sha256', SIGNING_SECRET)
      .update(ts + body)
      .digest('base64')
    const call = await fetch(conn.inboundUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': sig,
        'x-zendesk-webhook-signature-timestamp': ts,
      },
      body,
    })
    expect(call.status).toBe(202)
    expect(await call.json()).toEqual({ status: 'scheduled' })

    const comment = await until(() => zendesk.comments[0])
    expect(comment.public).toBe(true)
    const link = comment.html_body.match(/href="([^"]+\?score=8)"/)?.[1]
    expect(link).toMatch(new RegExp(`^${base}/s/`))

    // The customer opens the "8" link from the email and sends.
    const page = await browser.newPage()
    try {
      await page.goto(link!.replace(/&amp;/g, '&'))
      await expect.poll(() => page.getByRole('radio', { name: /^8 / }).isChecked()).toBe(true)
      expect(await api.responses(project.secretKey, survey.id)).toEqual([])
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForLoadState()
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Thank you for your feedback!')
    } finally {
      await page.close()
    }
    const [answer] = await api.responses(project.secretKey, survey.id)
    expect(answer).toMatchObject({
      score: 8,
      ref: '4711',
      customerId: '61',
      touchpoint: 'support',
      channel: 'link',
      properties: { channel: 'email', group: '5', agent: '9' },
    })
    // The events log tells the story; the trigger firing again changes nothing.
    const events = await fetch(`${base}/v1/connections/${conn.id}/events`, {
      headers: { authorization: `Bearer ${project.secretKey}` },
    }).then((r) => r.json() as Promise<{ data: { reason: string }[] }>)
    expect(events.data.map((e) => e.reason).reverse()).toEqual(['solved', 'replied'])
    expect(zendesk.comments).toHaveLength(1)
  })
})
