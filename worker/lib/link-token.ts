// Signed survey-link tokens: compact, URL-safe, and verified in constant time.
//
// Layout, 53 bytes → 71 base64url characters:
//   version (1) ‖ invitation id (16 random bytes) ‖ expiry (4, Unix seconds, big-endian) ‖ HMAC-SHA256 (32)
// The MAC covers the first 21 bytes and the invitation's claims (project, survey, touchpoint, ref,
// customer, …) under the project's own link secret, so a token is bound to one project and one
// invitation. The claims themselves live in D1 (worker/db/invitations.ts), not in the URL.
// A JWT (hono/jwt, HS256) would work too, but its JSON header and claims make links ~3× longer,
// it would carry personal data in clear, and its `alg` header is a negotiation we do not need.
import { base64url } from './crypto'

const VERSION = 1
const ID_BYTES = 16
const HEAD_BYTES = 1 + ID_BYTES + 4
const MAC_BYTES = 32
export const TOKEN_LENGTH = Math.ceil(((HEAD_BYTES + MAC_BYTES) * 4) / 3)

const encoder = new TextEncoder()

export interface LinkClaims {
  projectId: string
  surveyId: string
  touchpoint: string
  ref: string
  customerId: string | null
  email: string | null
  /** The stored JSON text, so the MAC covers exactly what is stored. */
  properties: string
  locale: string | null
}

export interface ParsedToken {
  invitationId: string
  /** Unix seconds. */
  expiresAt: number
  head: Uint8Array
  mac: Uint8Array
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0))
  } catch {
    return undefined
  }
}

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

/** A fresh invitation id: 16 random bytes as 32 hex characters. */
export function newInvitationId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(ID_BYTES)))
}

// Unambiguous: JSON of a fixed-order array, so no two claim sets share a signed message.
const claimsBytes = (c: LinkClaims) =>
  encoder.encode(
    JSON.stringify([
      c.projectId,
      c.surveyId,
      c.touchpoint,
      c.ref,
      c.customerId,
      c.email,
      c.properties,
      c.locale,
    ]),
  )

function signedMessage(head: Uint8Array, claims: LinkClaims): Uint8Array {
  const rest = claimsBytes(claims)
  const msg = new Uint8Array(head.length + rest.length)
  msg.set(head)
  msg.set(rest, head.length)
  return msg
}

const hmacKey = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ])

export async function signLinkToken(
  secret: string,
  invitationId: string,
  expiresAt: number,
  claims: LinkClaims,
): Promise<string> {
  if (!/^[0-9a-f]{32}$/.test(invitationId))
    throw new RangeError('invitation id must be 32 hex characters')
  const head = new Uint8Array(HEAD_BYTES)
  head[0] = VERSION
  head.set(
    invitationId.match(/../g)!.map((h) => parseInt(h, 16)),
    1,
  )
  new DataView(head.buffer).setUint32(1 + ID_BYTES, expiresAt)
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedMessage(head, claims)),
  )
  const token = new Uint8Array(HEAD_BYTES + MAC_BYTES)
  token.set(head)
  token.set(mac, HEAD_BYTES)
  return base64url(token)
}

/** Splits a token into its parts without trusting any of them; undefined when malformed. */
export function parseLinkToken(token: string): ParsedToken | undefined {
  if (token.length !== TOKEN_LENGTH) return undefined
  const bytes = fromBase64url(token)
  if (!bytes || bytes.length !== HEAD_BYTES + MAC_BYTES || bytes[0] !== VERSION) return undefined
  // Re-encoding must give the same text: no second spelling of one token (padding bits).
  if (base64url(bytes) !== token) return undefined
  const head = bytes.slice(0, HEAD_BYTES)
  return {
    invitationId: toHex(head.slice(1, 1 + ID_BYTES)),
    expiresAt: new DataView(head.buffer).getUint32(1 + ID_BYTES),
    head,
    mac: bytes.slice(HEAD_BYTES),
  }
}

/** Checks the MAC against the stored claims; WebCrypto's verify compares in constant time. */
export async function verifyLinkToken(
  secret: string,
  parsed: ParsedToken,
  claims: LinkClaims,
): Promise<boolean> {
  return crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    parsed.mac,
    signedMessage(parsed.head, claims),
  )
}

/**
 * The id of the answer given through an invitation: a UUID (version 5 layout) from an HMAC of the
 * invitation id, so answering again through one link hits the same row, and nobody without the
 * link secret can predict the id (the public API accepts client-made ids).
 */
export async function answerIdFor(secret: string, invitationId: string): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign(
      'HMAC',
      await hmacKey(secret, 'sign'),
      encoder.encode(`answer:${invitationId}`),
    ),
  )
  const b = mac.slice(0, 16)
  b[6] = (b[6] & 0x0f) | 0x50
  b[8] = (b[8] & 0x3f) | 0x80
  const h = toHex(b)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
