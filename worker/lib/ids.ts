// Server-made identifiers and API keys: prefixed so a leaked string says what it is.
import { customAlphabet, nanoid } from 'nanoid'

const lower = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 20)
const secret = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40)

export const newId = (
  prefix:
    'prj' | 'srv' | 'whk' | 'hdc' | 'hdj' | 'hde' | 'key' | 'eml' | 'usr' | 'ses' | 'inv' | 'pky',
) => `${prefix}_${lower()}`
export const newPublishableKey = () => `pk_${secret()}`
export const newSecretKey = () => `sk_${secret()}`
export const newReadKey = () => `rk_${secret()}`
/** A session id: 40 characters of 62 (≈ 238 bits), sent only in an HttpOnly cookie. */
export const newSessionId = () => secret()
export const newSecret = () => secret()
/** A server-made edit token (when the client sent none): 43 URL-safe characters, 258 bits. */
export const newEditToken = () => nanoid(43)
/** Ids of what schedules emails: event rules, people, relationship programs. */
export const newTriggerId = (prefix: 'rul' | 'per' | 'prg') => `${prefix}_${lower()}`
