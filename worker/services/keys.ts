// Named API keys with a scope: made here (shown once), stored as SHA-256 hashes.
import type { KeyCreate, KeyCreated } from '../../schema/keys'
import { countOtherFullKeys, findLiveKeyById, insertApiKey, revokeApiKey } from '../db/api-keys'
import { sha256Hex } from '../lib/crypto'
import { newId, newReadKey, newSecretKey } from '../lib/ids'
import { ApiError, notFound } from '../lib/problem'
import { keyPrefix } from './projects'
import type { Ctx } from '../context'
import { controlDb } from '../db/resolve'

export async function createKey(ctx: Ctx, input: KeyCreate): Promise<KeyCreated> {
  const { projectId, now } = ctx
  // Keys live with the projects: the control database auth reads them from.
  const d1 = controlDb(ctx.env)
  const key = input.scope === 'read' ? newReadKey() : newSecretKey()
  const created = await insertApiKey(d1, {
    hash: await sha256Hex(key),
    project_id: projectId,
    kind: 'secret',
    scope: input.scope,
    id: newId('key'),
    name: input.name,
    prefix: keyPrefix(key),
    created_at: now.toISOString(),
    revoked_at: null,
    last_used_at: null,
  })
  return { ...created, key }
}

/** Revokes at once: the key and every session made with it stop working in the same batch. */
export async function revokeKey(ctx: Ctx, id: string) {
  const { projectId, now } = ctx
  const d1 = controlDb(ctx.env)
  const key = await findLiveKeyById(d1, projectId, id)
  if (!key) throw notFound('Key')
  if (
    key.kind === 'secret' &&
    key.scope === 'full' &&
    (await countOtherFullKeys(d1, projectId, id)) === 0
  )
    throw new ApiError(
      'last_full_key',
      'This is the project’s last full key: create another one before revoking it.',
    )
  await revokeApiKey(d1, key.hash, now.toISOString())
}
