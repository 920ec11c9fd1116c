// Freshdesk API v2: read the ticket (with its requester), the requester's contact (language) and
// whether the requester is an agent, look for our reply, and reply.
// https://developers.freshdesk.com/api/ (View a Ticket ?include=requester, Reply to a ticket,
// List All Conversations of a Ticket, View a Contact, View an Agent). Auth: Basic "{apiKey}:X".
// Inbound: Freshdesk signs nothing; its webhook action sends our secret in a custom header.
import { z } from 'zod'
import { FreshdeskCredentials } from '../../schema/connection'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { defineDesk, readOurBody } from './adapter'
import type { Desk } from './desk'
import { basic, deskCall, IdText, jsonHeaders, parse, type DeskDeps } from './http'
import type { TicketFacts } from './rules'
import { deletedTicket, props } from './zendesk'

/** Ticket status codes: 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
const SOLVED = new Set([4, 5])
/** Ticket source codes, named as Freshdesk's admin pages name them. */
const SOURCES: Record<number, string> = {
  1: 'email',
  2: 'portal',
  3: 'phone',
  7: 'chat',
  9: 'feedback_widget',
  10: 'outbound_email',
}

const Ticket = z.object({
  id: IdText,
  status: z.number(),
  spam: z.boolean().optional(),
  deleted: z.boolean().optional(),
  source: z.number().optional(),
  tags: z.array(z.string().max(200)).max(1000).default([]),
  requester_id: IdText.nullable(),
  responder_id: IdText.nullable().optional(),
  group_id: IdText.nullable().optional(),
  requester: z.object({ email: z.string().max(254).nullable().optional() }).optional(),
})
const Contact = z.object({
  email: z.string().max(254).nullable().optional(),
  language: z.string().max(35).nullable().optional(),
})
const Conversations = z.array(z.object({ body: z.string().optional() })).max(1000)

export function freshdesk(base: string, creds: FreshdeskCredentials, deps: DeskDeps): Desk {
  const headers = jsonHeaders(basic(creds.apiKey, 'X'))
  const api = `${base}/api/v2`
  const get = (path: string, allow: number[] = []) =>
    deskCall(deps, { method: 'GET', url: `${api}${path}`, headers }, allow)
  return {
    async ticket(id) {
      const r = await get(`/tickets/${id}?include=requester`, [404])
      if (!r.ok) return r
      if (r.value.status === 404) return { ok: true, value: deletedTicket }
      const p = parse(Ticket, r.value)
      if (!p.ok) return p
      const t = p.value
      let email = t.requester?.email || null
      let locale: string | null = null
      let isAgent = false
      if (t.requester_id) {
        const agent = await get(`/agents/${t.requester_id}`, [404])
        if (!agent.ok) return agent
        isAgent = agent.value.status !== 404
        if (!isAgent) {
          const c = await get(`/contacts/${t.requester_id}`, [404])
          if (!c.ok) return c
          if (c.value.status !== 404) {
            const contact = parse(Contact, c.value)
            if (!contact.ok) return contact
            email ||= contact.value.email || null
            locale = contact.value.language ?? null
          }
        }
      }
      const facts: TicketFacts = {
        status: t.deleted ? 'deleted' : SOLVED.has(t.status) ? 'solved' : 'open',
        spam: t.spam === true,
        // Freshdesk's API shows no "merged" flag on a ticket: see docs/support-tools.md.
        merged: false,
        tags: t.tags,
        requester: { id: t.requester_id, email, isAgent, locale },
        properties: props({
          channel: t.source === undefined ? undefined : SOURCES[t.source],
          group: t.group_id,
          agent: t.responder_id,
        }),
      }
      return { ok: true, value: facts }
    },
    async hasReply(id, marker) {
      const r = await get(`/tickets/${id}/conversations`)
      if (!r.ok) return r
      const p = parse(Conversations, r.value)
      if (!p.ok) return p
      return { ok: true, value: p.value.some((c) => (c.body ?? '').includes(marker)) }
    },
    async reply(id, html) {
      const url = `${api}/tickets/${id}/reply`
      const r = await deskCall(deps, {
        method: 'POST',
        url,
        headers,
        body: JSON.stringify({ body: html }),
      })
      return r.ok ? { ok: true, value: true } : r
    },
  }
}

/** The custom header the webhook action sends with our secret. */
export const SECRET_HEADER = 'x-kundepuls-secret'

export const FRESHDESK_WEBHOOK_BODY = JSON.stringify({
  ticketId: '{{ticket.id}}',
  email: '{{ticket.contact.email}}',
  tags: '{{ticket.tags}}',
  status: '{{ticket.status}}',
})

export const freshdeskDesk = defineDesk({
  kind: 'freshdesk',
  label: 'Freshdesk',
  credentials: FreshdeskCredentials,
  inboundSecret: 'kundepuls',
  async verify(secret, header, raw) {
    const given = header(SECRET_HEADER)
    if (!given || !(await safeEqual(given, secret))) return { ok: false, why: 'bad secret' }
    return { ok: true, digest: await sha256Hex(raw) }
  },
  // Freshdesk renders {{ticket.tags}} comma-separated.
  read: (body) => readOurBody(body, /\s*,\s*/),
  client: (base, creds, deps) => freshdesk(base, creds, deps),
  setup: (s) => ({
    steps: [
      'Profile picture → Profile settings → "View API Key": use an agent\'s key as credentials {apiKey}.',
      'Admin → Workflows → Automations → "Ticket Updates" → "New rule". When an action performed by: Agent or Requester. Involves any of these events: Status is changed from Any Status to Resolved.',
      `Perform these actions: "Trigger webhook". Request type: POST · URL: ${s.inboundUrl} · Requires authentication: No · Add custom headers: ${SECRET_HEADER}: ${s.secret} · Encoding: JSON · Content: Advanced, with the body below. Save and enable the rule.`,
      "Turn off Freshdesk's own satisfaction survey for these tickets (Admin → Workflows → Customer satisfaction).",
    ],
    triggerBody: FRESHDESK_WEBHOOK_BODY,
  }),
})
