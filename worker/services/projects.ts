// Creating a tenant: its keys are returned once and stored only as hashes.
import type { ProjectCreate, ProjectCreated } from '../../schema/project'
import { insertProject } from '../db/projects'
import { sha256Hex } from '../lib/crypto'
import { newId, newPublishableKey, newSecret, newSecretKey } from '../lib/ids'
import { DEFAULT_TIME_ZONE } from '../../schema/send-window'

/** What a dashboard may show of a key: its kind prefix and the first characters. */
export const keyPrefix = (key: string) => key.slice(0, 10)

export async function createProject(
  d1: D1Database,
  input: ProjectCreate,
  now: Date,
): Promise<ProjectCreated> {
  const at = now.toISOString()
  const id = newId('prj')
  const publishableKey = newPublishableKey()
  const secretKey = newSecretKey()
  const identitySecret = newSecret()
  const [pkHash, skHash] = await Promise.all([sha256Hex(publishableKey), sha256Hex(secretKey)])
  await insertProject(
    d1,
    {
      id,
      name: input.name,
      identity_secret: identitySecret,
      link_secret: newSecret(),
      require_signed_identity: input.requireSignedIdentity ? 1 : 0,
      retention_days: input.retentionDays,
      created_at: at,
      time_zone: DEFAULT_TIME_ZONE,
    },
    [
      {
        hash: pkHash,
        project_id: id,
        kind: 'publishable',
        prefix: keyPrefix(publishableKey),
        created_at: at,
        revoked_at: null,
        id: newId('key'),
        name: 'Publishable key',
        scope: 'full',
        last_used_at: null,
      },
      {
        hash: skHash,
        project_id: id,
        kind: 'secret',
        prefix: keyPrefix(secretKey),
        created_at: at,
        revoked_at: null,
        id: newId('key'),
        name: 'Secret key',
        scope: 'full',
        last_used_at: null,
      },
    ],
  )
  return {
    id,
    name: input.name,
    publishableKey,
    secretKey,
    identitySecret,
    requireSignedIdentity: input.requireSignedIdentity,
    retentionDays: input.retentionDays,
  }
}
