// Help Scout Mailbox API 2.0: an OAuth token by client credentials (cached until it expires),
// read the conversation, tell a team member from a customer, look for our reply, and reply.
// https://developer.helpscout.com/mailbox-api/overview/authentication/ (POST /v2/oauth2/token),
// …/endpoints/conversations/get/, …/conversations/threads/list/, …/conversations/threads/reply/
// (a reply re-activates the conversation unless it names a status: we send "closed"),
// …/endpoints/users/list/ (?email=).
// Inbound: https://developer.helpscout.com/webhooks/ (X-HelpScout-Signature, HMAC-SHA1 of the
// body with the secret Kundepuls made); Help Scout sends its conversation object.
import { z } from 'zod'
import { HelpScoutCredentials } from '../../schema/connection'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { defineDesk, hmacBase64 } from './adapter'
import type { Desk, TokenStore } from './desk'
import {
  deskCall,
  IdText,
  jsonHeaders,
  parse,
  TicketId,
  type DeskDeps,
  type DeskResult,
} from './http'
import type { TicketFacts } from './rules'
import { deletedTicket, props } from './zendesk'

const Token = z.object({ access_token: z.string().min(1).max(4000), expires_in: z.number() })

const Conversation = z.object({
  id: IdText,
  status: z.string().max(20),
  state: z.string().max(20).optional(),
  mailboxId: IdText.optional(),
  tags: z
    .array(z.object({ tag: z.string().max(200) }))
    .max(1000)
    .default([]),
  primaryCustomer: z
    .object({ id: IdText, email: z.string().max(254).nullable().optional() })
    .optional(),
  assignee: z.object({ id: IdText }).nullable().optional(),
  source: z.object({ type: z.string().max(40).optional() }).optional(),
})
const Users = z.object({
  _embedded: z.object({ users: z.array(z.object({ id: IdText })).max(1000) }).optional(),
})
const Threads = z.object({
  _embedded: z
    .object({ threads: z.array(z.object({ body: z.string().optional() })).max(1000) })
    .optional(),
})

/** A cached token is not used in its last minute. */
const MARGIN_MS = 60_000

export function helpscout(
  base: string,
  creds: HelpScoutCredentials,
  deps: DeskDeps,
  tokens: TokenStore,
): Desk {
  async function token(): Promise<DeskResult<string>> {
    const cached = await tokens.get()
    if (cached && Date.parse(cached.expiresAt) - MARGIN_MS > deps.now().getTime())
      return { ok: true, value: cached.token }
    const body = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: creds.appId,
      client_secret: creds.appSecret,
    })
    const r = await deskCall(deps, {
      method: 'POST',
      url: `${base}/v2/oauth2/token`,
      headers: { 'content-type': 'application/json' },
      body,
    })
    if (!r.ok) return r
    const t = parse(Token, r.value)
    if (!t.ok) return t
    const expiresAt = new Date(deps.now().getTime() + t.value.expires_in * 1000).toISOString()
    await tokens.put(t.value.access_token, expiresAt)
    return { ok: true, value: t.value.access_token }
  }

  /** One API call with the token; a 401 drops the cached token and tries once with a new one. */
  async function call(method: 'GET' | 'POST', path: string, body?: unknown, allow: number[] = []) {
    for (let i = 0; ; i++) {
      const t = await token()
      if (!t.ok) return t
      const r = await deskCall(
        deps,
        {
          method,
          url: `${base}/v2${path}`,
          headers: jsonHeaders(`Bearer ${t.value}`),
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        allow,
      )
      if (r.ok || r.status !== 401 || i > 0) return r
      await tokens.clear()
    }
  }

  async function conversation(
    id: string,
  ): Promise<DeskResult<z.infer<typeof Conversation> | null>> {
    // 301: the conversation was merged (or moved); the redirect is not followed.
    const r = await call('GET', `/conversations/${id}`, undefined, [301, 404])
    if (!r.ok) return r
    if (r.value.status === 404) return { ok: true, value: null }
    if (r.value.status === 301) return { ok: true, value: { id, status: 'merged', tags: [] } }
    return parse(Conversation, r.value)
  }

  return {
    async ticket(id) {
      const c = await conversation(id)
      if (!c.ok) return c
      if (!c.value || c.value.state === 'deleted') return { ok: true, value: deletedTicket }
      const v = c.value
      const email = v.primaryCustomer?.email || null
      let isAgent = false
      if (email) {
        const u = await call('GET', `/users?email=${encodeURIComponent(email)}`)
        if (!u.ok) return u
        const users = parse(Users, u.value)
        if (!users.ok) return users
        isAgent = (users.value._embedded?.users.length ?? 0) > 0
      }
      const facts: TicketFacts = {
        status: v.status === 'closed' ? 'solved' : 'open',
        spam: v.status === 'spam',
        merged: v.status === 'merged',
        tags: v.tags.map((t) => t.tag),
        // Help Scout keeps no language for a customer: the page follows the browser's languages.
        requester: { id: v.primaryCustomer?.id ?? null, email, isAgent, locale: null },
        properties: props({ channel: v.source?.type, group: v.mailboxId, agent: v.assignee?.id }),
      }
      return { ok: true, value: facts }
    },
    async hasReply(id, marker) {
      const r = await call('GET', `/conversations/${id}/threads`)
      if (!r.ok) return r
      const p = parse(Threads, r.value)
      if (!p.ok) return p
      const threads = p.value._embedded?.threads ?? []
      return { ok: true, value: threads.some((t) => (t.body ?? '').includes(marker)) }
    },
    async reply(id, html) {
      const c = await conversation(id)
      if (!c.ok) return c
      const customer = c.value?.primaryCustomer?.id
      if (!customer)
        return { ok: false, status: 404, error: 'the conversation has no customer to reply to' }
      const r = await call('POST', `/conversations/${id}/reply`, {
        customer: { id: Number(customer) },
        text: html,
        status: 'closed',
      })
      return r.ok ? { ok: true, value: true } : r
    },
  }
}

export const HEADERS = {
  signature: 'x-helpscout-signature',
  event: 'x-helpscout-event',
} as const

const Text = z.string().max(4000)
/** Help Scout's conversation object, the fields we read. */
const HelpScoutBody = z.object({
  id: z.union([z.number(), z.string()]).transform(String).pipe(TicketId),
  status: Text.optional(),
  tags: z
    .array(z.object({ tag: Text }))
    .max(1000)
    .optional(),
  primaryCustomer: z.object({ email: Text.nullable().optional() }).optional(),
})

export const helpscoutDesk = defineDesk({
  kind: 'helpscout',
  label: 'Help Scout',
  credentials: HelpScoutCredentials,
  inboundSecret: 'kundepuls',
  async verify(secret, header, raw) {
    const sig = header(HEADERS.signature)
    if (!sig || !(await safeEqual(sig, await hmacBase64('SHA-1', secret, raw))))
      return { ok: false, why: 'bad signature' }
    return { ok: true, digest: await sha256Hex(raw) }
  },
  read(body, header) {
    const event = header(HEADERS.event)
    if (event !== 'convo.status')
      return {
        type: 'ignored',
        reason: 'ignored_event',
        detail: `event ${String(event).slice(0, 60)} is not convo.status`,
      }
    const c = HelpScoutBody.safeParse(body)
    if (!c.success) return { type: 'invalid', detail: 'not a Help Scout conversation' }
    const email = c.data.primaryCustomer?.email
    return {
      type: 'ticket',
      ticketId: c.data.id,
      hints: {
        solved: c.data.status === undefined ? undefined : c.data.status === 'closed',
        tags: c.data.tags?.map((t) => t.tag),
        email: email === undefined ? undefined : email || null,
      },
    }
  },
  client: helpscout,
  setup: (s) => ({
    steps: [
      'Your Profile → My Apps → "Create My App" (any redirection URL): use its App ID and App Secret as credentials {appId, appSecret}. The app acts as your user, who must have access to the mailbox.',
      `Manage → Apps → Webhooks → Install. Secret Key: ${s.secret} · Callback URL: ${s.inboundUrl} · Events: Conversation "Status Updated" (convo.status) only. Save.`,
      'Kundepuls replies when a conversation is closed; its reply keeps the conversation closed.',
      "Turn off Help Scout's satisfaction ratings for this mailbox if they are on, so that customers are not asked twice.",
    ],
  }),
})
