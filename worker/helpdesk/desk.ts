// One interface over the help desks, built from a connection row: its credentials are
// opened from their sealed form here and live only as long as the job's attempt.
import { cacheAccessToken } from '../db/helpdesk-connections'
import type { HelpdeskConnectionRow } from '../db/types'
import type { Env } from '../env'
import { open, seal } from '../lib/secret-box'
import { DESKS } from './desks'
import type { DeskDeps, DeskResult } from './http'
import type { TicketFacts } from './rules'
import { dbFor } from '../db/resolve'

export interface Desk {
  /** The ticket as it is now; a deleted ticket is a value (status deleted), not a failure. */
  ticket(id: string): Promise<DeskResult<TicketFacts>>
  /** Whether a reply containing `marker` (the survey link) is already in the thread. */
  hasReply(id: string, marker: string): Promise<DeskResult<boolean>>
  /** Posts `html` as a public reply that the help desk emails to the requester. */
  reply(id: string, html: string): Promise<DeskResult<true>>
}

export interface TokenStore {
  get(): Promise<{ token: string; expiresAt: string } | null>
  put(token: string, expiresAt: string): Promise<void>
  clear(): Promise<void>
}

/** Additional authenticated data: a sealed field opens only on its own row and field. */
export const sealContext = (id: string, field: 'credentials' | 'inbound' | 'token') =>
  `helpdesk:${id}:${field}`

function tokenStore(env: Env, c: HelpdeskConnectionRow): TokenStore {
  const ctx = sealContext(c.id, 'token')
  let cached =
    c.access_token_sealed && c.access_token_expires_at
      ? { sealed: c.access_token_sealed, expiresAt: c.access_token_expires_at }
      : null
  return {
    async get() {
      if (!cached) return null
      const token = await open(env.ENCRYPTION_KEY, cached.sealed, ctx).catch(() => null)
      return token ? { token, expiresAt: cached.expiresAt } : null
    },
    async put(token, expiresAt) {
      const sealed = await seal(env.ENCRYPTION_KEY, token, ctx)
      cached = { sealed, expiresAt }
      await cacheAccessToken(dbFor(env, c.project_id), c.id, sealed, expiresAt)
    },
    async clear() {
      cached = null
      await cacheAccessToken(dbFor(env, c.project_id), c.id, null, null)
    },
  }
}

/** The connection's desk, or why it cannot be built (credentials that do not open or parse). */
export async function deskFor(
  env: Env,
  c: HelpdeskConnectionRow,
  deps: DeskDeps,
): Promise<Desk | { error: string }> {
  let raw: unknown
  try {
    raw = JSON.parse(
      await open(env.ENCRYPTION_KEY, c.credentials_sealed, sealContext(c.id, 'credentials')),
    )
  } catch {
    return { error: 'cannot decrypt the credentials (was ENCRYPTION_KEY changed?)' }
  }
  const base = c.base_url.replace(/\/+$/, '')
  return DESKS[c.kind].connect(raw, base, deps, tokenStore(env, c))
}
