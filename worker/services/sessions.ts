// Dashboard sign-in: an sk_ or rk_ key is exchanged for a session whose random id lives only in an
// HttpOnly cookie; D1 keeps its SHA-256. The key itself is never stored by the browser.
import { SESSION_TTL_MS } from '../../schema/constants'
import type { Session } from '../../schema/keys'
import { findApiKey } from '../db/api-keys'
import { findProjectSummary } from '../db/projects'
import { insertSession } from '../db/sessions'
import { sha256Hex } from '../lib/crypto'
import { newSessionId } from '../lib/ids'
import { ApiError } from '../lib/problem'

export async function signIn(d1: D1Database, key: string, now: Date) {
  const found = await findApiKey(d1, await sha256Hex(key))
  if (!found) throw new ApiError('unauthorized', 'Unknown or revoked API key.')
  if (found.kind !== 'secret')
    throw new ApiError(
      'publishable_key',
      'A publishable key cannot sign in; use a secret (sk_) or read (rk_) key.',
    )
  const id = newSessionId()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString()
  await insertSession(d1, {
    hash: await sha256Hex(id),
    key_hash: found.hash,
    project_id: found.project_id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  })
  return { id, projectId: found.project_id, scope: found.scope, expiresAt }
}

export async function describeSession(
  d1: D1Database,
  projectId: string,
  scope: Session['scope'],
  expiresAt: string | null,
): Promise<Session> {
  const p = await findProjectSummary(d1, projectId)
  if (!p) throw new ApiError('unauthorized', 'The project no longer exists.')
  return {
    scope,
    expiresAt,
    project: { id: p.id, name: p.name, requireSignedIdentity: p.require_signed_identity === 1 },
  }
}
