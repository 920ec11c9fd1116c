// Zendesk Support API: read the ticket with its users, look for our reply, add a public comment.
// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ (Show Ticket, Update
// Ticket; sideloads with ?include=users), …/ticket_comments/ (List Comments), …/users/users/.
// Auth: API token, HTTP Basic "{email}/token:{api_token}".
// Inbound: a webhook signed with Zendesk's own secret,
// https://developer.zendesk.com/documentation/webhooks/verifying/
import { z } from 'zod'
import { HELPDESK_LIMITS } from '../../schema/constants'
import { ZendeskCredentials } from '../../schema/connection'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { defineDesk, hmacBase64, readOurBody } from './adapter'
import type { Desk } from './desk'
import { basic, deskCall, IdText, jsonHeaders, parse, type DeskDeps } from './http'
import type { TicketFacts } from './rules'

const User = z.object({
  id: IdText,
  role: z.string().max(40).optional(),
  email: z.string().max(254).nullable().optional(),
  locale: z.string().max(35).nullable().optional(),
  /** A requester marked as a spammer is suspended (and the ticket deleted). */
  suspended: z.boolean().optional(),
})

const TicketAnswer = z.object({
  ticket: z.object({
    id: IdText,
    status: z.string().max(20),
    tags: z.array(z.string().max(200)).max(1000).default([]),
    requester_id: IdText.nullable(),
    assignee_id: IdText.nullable().optional(),
    group_id: IdText.nullable().optional(),
    via: z.object({ channel: z.string().max(40).nullable().optional() }).optional(),
  }),
  users: z.array(User).max(1000).default([]),
})

const Comments = z.object({
  comments: z
    .array(z.object({ html_body: z.string().optional(), body: z.string().optional() }))
    .max(1000),
})

/** Zendesk adds this tag to a ticket it closes by merging it into another. */
export const MERGED_TAG = 'closed_by_merge'

export function zendesk(base: string, creds: ZendeskCredentials, deps: DeskDeps): Desk {
  const headers = jsonHeaders(basic(`${creds.email}/token`, creds.apiToken))
  const api = `${base}/api/v2`
  return {
    async ticket(id) {
      const r = await deskCall(
        deps,
        { method: 'GET', url: `${api}/tickets/${id}.json?include=users`, headers },
        [404],
      )
      if (!r.ok) return r
      if (r.value.status === 404) return { ok: true, value: deletedTicket }
      const p = parse(TicketAnswer, r.value)
      if (!p.ok) return p
      const { ticket: t, users } = p.value
      const requester = users.find((u) => u.id === t.requester_id)
      const facts: TicketFacts = {
        status:
          t.status === 'deleted'
            ? 'deleted'
            : t.status === 'solved' || t.status === 'closed'
              ? 'solved'
              : 'open',
        spam: requester?.suspended === true,
        merged: t.tags.includes(MERGED_TAG),
        tags: t.tags,
        requester: {
          id: t.requester_id,
          email: requester?.email || null,
          isAgent: requester?.role === 'agent' || requester?.role === 'admin',
          locale: requester?.locale ?? null,
        },
        properties: props({ channel: t.via?.channel, group: t.group_id, agent: t.assignee_id }),
      }
      return { ok: true, value: facts }
    },
    async hasReply(id, marker) {
      const url = `${api}/tickets/${id}/comments.json?sort_order=desc`
      const r = await deskCall(deps, { method: 'GET', url, headers })
      if (!r.ok) return r
      const p = parse(Comments, r.value)
      if (!p.ok) return p
      return {
        ok: true,
        value: p.value.comments.some((c) => (c.html_body ?? c.body ?? '').includes(marker)),
      }
    },
    async reply(id, html) {
      const body = JSON.stringify({ ticket: { comment: { html_body: html, public: true } } })
      const r = await deskCall(deps, {
        method: 'PUT',
        url: `${api}/tickets/${id}.json`,
        headers,
        body,
      })
      return r.ok ? { ok: true, value: true } : r
    },
  }
}

export const deletedTicket: TicketFacts = {
  status: 'deleted',
  spam: false,
  merged: false,
  tags: [],
  requester: { id: null, email: null, isAgent: false, locale: null },
  properties: {},
}

/** The answer's properties: only those the ticket has. */
export function props(p: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  )
}

export const HEADERS = {
  signature: 'x-zendesk-webhook-signature',
  timestamp: 'x-zendesk-webhook-signature-timestamp',
} as const

/** The Zendesk trigger body (issue 11); Kundepuls reads the rest through the API. */
export const ZENDESK_TRIGGER_BODY = JSON.stringify({
  ticketId: '{{ticket.id}}',
  requesterId: '{{ticket.requester.id}}',
  email: '{{ticket.requester.email}}',
  tags: '{{ticket.tags}}',
  status: '{{ticket.status}}',
  via: '{{ticket.via}}',
})

/** Zendesk sends an ISO 8601 instant; seconds since the epoch are accepted as well. */
function timestampMs(v: string): number {
  return /^\d{9,11}$/.test(v) ? Number(v) * 1000 : Date.parse(v)
}

export const zendeskDesk = defineDesk({
  kind: 'zendesk',
  label: 'Zendesk',
  credentials: ZendeskCredentials,
  inboundSecret: 'desk',
  async verify(secret, header, raw, now) {
    const sig = header(HEADERS.signature)
    const ts = header(HEADERS.timestamp)
    if (!sig || !ts) return { ok: false, why: 'missing signature headers' }
    const at = timestampMs(ts)
    if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > HELPDESK_LIMITS.signatureToleranceMs)
      return { ok: false, why: 'the signature timestamp is more than 5 minutes off' }
    if (!(await safeEqual(sig, await hmacBase64('SHA-256', secret, ts + raw))))
      return { ok: false, why: 'bad signature' }
    return { ok: true, digest: await sha256Hex(`${ts}\n${raw}`) }
  },
  // Zendesk renders {{ticket.tags}} space-separated.
  read: (body) => readOurBody(body, /\s+/),
  client: (base, creds, deps) => zendesk(base, creds, deps),
  setup: (s) => ({
    steps: [
      'Admin Center → Apps and integrations → APIs → Zendesk API → Settings: turn on "Token access", then "Add API token"; use it with an agent\'s email as credentials {email, apiToken}.',
      `Admin Center → Apps and integrations → Actions and webhooks → Webhooks → "Create webhook" → "Trigger or automation". Endpoint URL: ${s.inboundUrl} · Request method: POST · Request format: JSON · Authentication: None. Create it.`,
      `On the webhook's page, "Signing secret" → "Reveal secret", and send it to Kundepuls: curl -X PATCH ${s.apiOrigin}/v1/connections/${s.id} -H "Authorization: Bearer $KUNDEPULS_SECRET_KEY" -H "Content-Type: application/json" -d '{"signingSecret": "…"}'. Until then, calls are refused (401).`,
      'Admin Center → Objects and rules → Business rules → Triggers → "Add trigger". Conditions (Meet ALL): Ticket › Ticket status | Changed to | Solved. Actions: Notify by › Active webhook → the webhook above, with the JSON body below.',
      "Turn off Zendesk's own satisfaction survey for these tickets (Admin Center → People → Configuration → End users), so that customers are not asked twice.",
    ],
    triggerBody: ZENDESK_TRIGGER_BODY,
  }),
})
