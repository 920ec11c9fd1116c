// Secrets at rest (webhook secrets, Slack URLs, help-desk credentials): AES-256-GCM under the
// worker secret ENCRYPTION_KEY (32 random bytes, base64: `openssl rand -base64 32`).
//
// Sealed form: `v1.<iv>.<ciphertext+tag>` (base64url). The `context` string (e.g.
// `webhook:whk_…:url`) is bound as additional authenticated data, so a sealed value copied into
// another row, field or tenant does not open there.
import { base64url } from './crypto'
import { ApiError } from './problem'

const VERSION = 'v1'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function fromB64(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

const keys = new Map<string, Promise<CryptoKey>>()

/** Why a key is unusable, or undefined when it is fine. */
export function encryptionKeyProblem(raw: string | undefined): string | undefined {
  if (!raw) return 'ENCRYPTION_KEY is not set'
  try {
    if (fromB64(raw.trim()).length === 32) return undefined
  } catch {
    // fall through
  }
  return 'ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)'
}

function importKey(raw: string | undefined): Promise<CryptoKey> {
  const problem = encryptionKeyProblem(raw)
  if (problem) {
    // A deployment fault, not the caller's: say what to fix without revealing anything else.
    throw new ApiError('encryption_key_missing', `${problem}; secrets cannot be stored.`)
  }
  let key = keys.get(raw!)
  if (!key) {
    key = crypto.subtle.importKey('raw', fromB64(raw!.trim()), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ])
    keys.set(raw!, key)
  }
  return key
}

export async function seal(keyB64: string | undefined, plaintext: string, context: string) {
  const key = await importKey(keyB64)
  // 96-bit random IVs: safe for far more than 2^32 seals under one key (NIST SP 800-38D §8.3).
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(plaintext),
  )
  return `${VERSION}.${base64url(iv)}.${base64url(new Uint8Array(ct))}`
}

/** Opens a sealed value; throws when the key, the context or the bytes do not match. */
export async function open(keyB64: string | undefined, sealed: string, context: string) {
  const key = await importKey(keyB64)
  const [version, iv, ct] = sealed.split('.')
  if (version !== VERSION || !iv || !ct) throw new Error('not a sealed value')
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromB64(iv), additionalData: encoder.encode(context) },
    key,
    fromB64(ct),
  )
  return decoder.decode(plain)
}
