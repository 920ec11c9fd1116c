// The one shape every help desk has (CONVENTIONS §15, after Hono's src/adapter/*): how its
// inbound call is authenticated and read, how its API is called, how it is set up. Each desk is
// one module exporting one adapter; worker/helpdesk/desks.ts lists them.
import { z } from 'zod'
import type { ConnectionSetup } from '../../schema/connection'
import type { ConnectionKind, HelpdeskReason } from '../../schema/constants'
import type { Desk, TokenStore } from './desk'
import { TicketId, type DeskDeps } from './http'
import type { InboundHints } from './rules'

export type Header = (name: string) => string | undefined

export type Verified = { ok: true; digest: string } | { ok: false; why: string }

export type InboundCall =
  | { type: 'ticket'; ticketId: string; hints: InboundHints }
  | { type: 'ignored'; reason: HelpdeskReason; detail: string }
  | { type: 'invalid'; detail: string }

export interface SetupText {
  id: string
  inboundUrl: string
  apiOrigin: string
  /** The inbound secret to paste, or a placeholder once it was shown. */
  secret: string
}

interface DeskParts<K extends ConnectionKind, C> {
  kind: K
  /** The desk's name in messages ("Help Scout"). */
  label: string
  /** What `credentials` holds for this desk (the schema of the public API). */
  credentials: z.ZodType<C>
  /**
   * Who makes the secret that authenticates the inbound call: the desk itself (Zendesk signs
   * with its own secret, set later with PATCH signingSecret), or Kundepuls (made at creation,
   * shown once, pasted into the desk).
   */
  inboundSecret: 'desk' | 'kundepuls'
  /** Checks the call against the secret; `digest` names what was signed (replays). */
  verify(secret: string, header: Header, raw: string, now: Date): Promise<Verified>
  /** Reads a verified call whose body is JSON: which ticket, and what the call tells. */
  read(body: unknown, header: Header): InboundCall
  /** The desk's API (read the ticket, look for our reply, reply) with these credentials. */
  client(base: string, creds: C, deps: DeskDeps, tokens: TokenStore): Desk
  /** The steps a support lead follows in the desk, with this connection's URLs. */
  setup(s: SetupText): ConnectionSetup
}

export interface DeskAdapter<K extends ConnectionKind = ConnectionKind> extends Omit<
  DeskParts<K, unknown>,
  'client'
> {
  /** The desk's API from stored (unchecked) credentials, or why they do not fit. */
  connect(raw: unknown, base: string, deps: DeskDeps, tokens: TokenStore): Desk | { error: string }
}

/** Closes over the credentials' type, so adapters of different desks share one registry type. */
export function defineDesk<K extends ConnectionKind, C>(parts: DeskParts<K, C>): DeskAdapter<K> {
  const { client, ...rest } = parts
  return {
    ...rest,
    connect(raw, base, deps, tokens) {
      const creds = parts.credentials.safeParse(raw)
      return creds.success
        ? client(base, creds.data, deps, tokens)
        : { error: `stored credentials are not ${parts.label} credentials` }
    },
  }
}

const encoder = new TextEncoder()

export async function hmacBase64(hash: 'SHA-256' | 'SHA-1', secret: string, message: string) {
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

const Text = z.string().max(4000)
/** Ours: what the Zendesk trigger and the Freshdesk rule send (placeholders render as text). */
const OurBody = z.object({
  ticketId: z.union([z.number(), z.string()]).transform(String).pipe(TicketId),
  email: Text.optional(),
  tags: Text.optional(),
  status: Text.optional(),
})

const SOLVED = new Set(['solved', 'closed', 'resolved'])
const words = (s: string | undefined, sep: RegExp) => (s ? s.split(sep).filter(Boolean) : undefined)

/** Reads the body our setup text defines; `tagSeparator` is how the desk renders its tags. */
export function readOurBody(body: unknown, tagSeparator: RegExp): InboundCall {
  const b = OurBody.safeParse(body)
  if (!b.success)
    return { type: 'invalid', detail: 'expected {"ticketId": "<digits>", …} as in setup' }
  const status = b.data.status?.trim().toLowerCase()
  return {
    type: 'ticket',
    ticketId: b.data.ticketId,
    hints: {
      solved: status ? SOLVED.has(status) : undefined,
      tags: words(b.data.tags, tagSeparator),
      email: b.data.email === undefined ? undefined : b.data.email.trim() || null,
    },
  }
}
