// The one-click unsubscribe token (RFC 8058): `<send id>.<expiry, Unix seconds>.<MAC>`, the MAC an
// HMAC-SHA-256 under the project's link secret, so a token names one send of one project and
// cannot be made for another. It carries no address: the send row holds its hash.
import { base64url, hmacSha256, safeEqual } from '../lib/crypto'

/** A year: an unsubscribe link must keep working long after the email was read. */
export const UNSUBSCRIBE_TTL_S = 365 * 24 * 60 * 60

const macOf = async (secret: string, sendId: string, exp: number) =>
  base64url(await hmacSha256(secret, `unsubscribe:${sendId}:${exp}`))

export async function signUnsubscribeToken(secret: string, sendId: string, expiresAt: number) {
  return `${sendId}.${expiresAt}.${await macOf(secret, sendId, expiresAt)}`
}

/** The send id and expiry of a well-formed token (not yet verified), else undefined. */
export function parseUnsubscribeToken(token: string) {
  const m = /^([A-Za-z0-9_-]{1,40})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token)
  return m ? { sendId: m[1]!, expiresAt: Number(m[2]), mac: m[3]! } : undefined
}

export async function verifyUnsubscribeToken(
  secret: string,
  parsed: NonNullable<ReturnType<typeof parseUnsubscribeToken>>,
  now: Date,
) {
  const ok = await safeEqual(parsed.mac, await macOf(secret, parsed.sendId, parsed.expiresAt))
  if (!ok) return 'invalid' as const
  return now.getTime() / 1000 < parsed.expiresAt ? ('valid' as const) : ('expired' as const)
}
