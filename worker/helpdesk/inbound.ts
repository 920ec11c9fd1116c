// Inbound calls from help desks: the signature (or shared secret) check, done before anything
// else, and the reading of what was signed. The bodies of Zendesk and Freshdesk are ours (the
// setup texts define them); Help Scout sends its conversation object.
// Zendesk: https://developer.zendesk.com/documentation/webhooks/verifying/
// Help Scout: https://developer.helpscout.com/webhooks/ (X-HelpScout-Signature, HMAC-SHA1)
import { z } from 'zod'
import { HELPDESK_LIMITS, type ConnectionKind, type HelpdeskReason } from '../../schema/constants'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { TicketId } from './http'
import type { InboundHints } from './rules'

export const HEADERS = {
  zendeskSignature: 'x-zendesk-webhook-signature',
  zendeskTimestamp: 'x-zendesk-webhook-signature-timestamp',
  helpscoutSignature: 'x-helpscout-signature',
  helpscoutEvent: 'x-helpscout-event',
  /** Freshdesk signs nothing: its webhook action sends this custom header with our secret. */
  freshdeskSecret: 'x-kundepuls-secret',
} as const

const encoder = new TextEncoder()

async function hmacBase64(hash: 'SHA-256' | 'SHA-1', secret: string, message: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
  return btoa(String.fromCharCode(...mac))
}

/** Zendesk sends an ISO 8601 instant; seconds since the epoch are accepted as well. */
function timestampMs(v: string): number {
  return /^\d{9,11}$/.test(v) ? Number(v) * 1000 : Date.parse(v)
}

export type Verified = { ok: true; digest: string } | { ok: false; why: string }

/**
 * Checks the call against the connection's secret. `digest` names what was signed, so a replay
 * of the same delivery is recognised.
 */
export async function verifyInbound(
  kind: ConnectionKind,
  secret: string | null,
  header: (name: string) => string | undefined,
  raw: string,
  now: Date,
): Promise<Verified> {
  if (!secret) return { ok: false, why: 'the connection has no signing secret yet' }
  if (kind === 'zendesk') {
    const sig = header(HEADERS.zendeskSignature)
    const ts = header(HEADERS.zendeskTimestamp)
    if (!sig || !ts) return { ok: false, why: 'missing signature headers' }
    const at = timestampMs(ts)
    if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > HELPDESK_LIMITS.signatureToleranceMs)
      return { ok: false, why: 'the signature timestamp is more than 5 minutes off' }
    if (!(await safeEqual(sig, await hmacBase64('SHA-256', secret, ts + raw))))
      return { ok: false, why: 'bad signature' }
    return { ok: true, digest: await sha256Hex(`${ts}\n${raw}`) }
  }
  if (kind === 'helpscout') {
    const sig = header(HEADERS.helpscoutSignature)
    if (!sig || !(await safeEqual(sig, await hmacBase64('SHA-1', secret, raw))))
      return { ok: false, why: 'bad signature' }
    return { ok: true, digest: await sha256Hex(raw) }
  }
  const given = header(HEADERS.freshdeskSecret)
  if (!given || !(await safeEqual(given, secret))) return { ok: false, why: 'bad secret' }
  return { ok: true, digest: await sha256Hex(raw) }
}

const Text = z.string().max(4000)
/** Ours: what the Zendesk trigger and the Freshdesk rule send (placeholders render as text). */
const OurBody = z.object({
  ticketId: z.union([z.number(), z.string()]).transform(String).pipe(TicketId),
  email: Text.optional(),
  tags: Text.optional(),
  status: Text.optional(),
})
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

export type InboundCall =
  | { type: 'ticket'; ticketId: string; hints: InboundHints }
  | { type: 'ignored'; reason: HelpdeskReason; detail: string }
  | { type: 'invalid'; detail: string }

const SOLVED = new Set(['solved', 'closed', 'resolved'])
const words = (s: string | undefined, sep: RegExp) => (s ? s.split(sep).filter(Boolean) : undefined)

/** Reads a verified call: which ticket, and what the call already tells about it. */
export function readInbound(
  kind: ConnectionKind,
  raw: string,
  event: string | undefined,
): InboundCall {
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return { type: 'invalid', detail: 'the body is not JSON' }
  }
  if (kind === 'helpscout') {
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
  }
  const b = OurBody.safeParse(body)
  if (!b.success)
    return { type: 'invalid', detail: 'expected {"ticketId": "<digits>", …} as in setup' }
  const status = b.data.status?.trim().toLowerCase()
  return {
    type: 'ticket',
    ticketId: b.data.ticketId,
    hints: {
      solved: status ? SOLVED.has(status) : undefined,
      // Zendesk renders {{ticket.tags}} space-separated, Freshdesk comma-separated.
      tags: words(b.data.tags, kind === 'zendesk' ? /\s+/ : /\s*,\s*/),
      email: b.data.email === undefined ? undefined : b.data.email.trim() || null,
    },
  }
}
