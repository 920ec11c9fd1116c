// Password hashing with scrypt from @noble/hashes (audited, pure JS: a Worker has no native
// scrypt or Argon2, and WebCrypto's PBKDF2 is capped at 100,000 iterations in workerd).
// Parameters: OWASP's scrypt row N=2^14, r=8, p=5 is ~5× the CPU of p=1 for the same memory; we use
// N=2^14, r=8, p=1 (16 MiB), the figure measured in test/worker/lib/password.test.ts, so that one
// hash stays well inside a paid Worker's CPU budget. The stored string names its parameters, so
// they can be raised later and old hashes still verify.
// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
import { scryptAsync } from '@noble/hashes/scrypt.js'

export interface ScryptParams {
  N: number
  r: number
  p: number
  dkLen: number
}

export const SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 }

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0))

/** `scrypt$N$r$p$salt$hash` (base64): self-describing, so parameters can change over time. */
export async function hashPassword(
  password: string,
  params: ScryptParams = SCRYPT,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const key = await scryptAsync(password.normalize('NFKC'), salt, params)
  return ['scrypt', params.N, params.r, params.p, b64(salt), b64(key)].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = unb64(hash)
  const key = await scryptAsync(password.normalize('NFKC'), unb64(salt), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    dkLen: expected.length,
  })
  return key.length === expected.length && crypto.subtle.timingSafeEqual(key, expected)
}

/**
 * A hash of no one's password, verified when the email is unknown, so a sign-in for an unknown
 * address costs the same time as a wrong password (no account discovery by timing).
 */
const decoys = new Map<number, Promise<string>>()
export function decoyHash(params: ScryptParams = SCRYPT) {
  let d = decoys.get(params.N)
  if (!d) decoys.set(params.N, (d = hashPassword(crypto.randomUUID(), params)))
  return d
}

/** The cost in force: SCRYPT, or a lower N set by the tests' PASSWORD_SCRYPT_N (never in wrangler.toml). */
export function scryptParams(env: { PASSWORD_SCRYPT_N?: string }): ScryptParams {
  const n = Number(env.PASSWORD_SCRYPT_N)
  return Number.isInteger(n) && n >= 1024 ? { ...SCRYPT, N: n } : SCRYPT
}
