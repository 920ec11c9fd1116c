// The suppression list's service: addresses in, hashes stored (never the address), and the
// pending sends to them ended in the same batch.
import type { SuppressionReason } from '../../schema/email-sends'
import type { Ctx } from '../context'
import { suppress } from '../db/suppressions'
import { emailHash } from '../lib/email-address'

export async function suppressAddresses(
  ctx: Pick<Ctx, 'db' | 'projectId' | 'now'>,
  addresses: readonly string[],
  reason: SuppressionReason,
) {
  const secret = await ctx.db
    .prepare('SELECT link_secret FROM projects WHERE id = ?')
    .bind(ctx.projectId)
    .first<string>('link_secret')
  if (!secret) return undefined
  const hashes = [...new Set(await Promise.all(addresses.map((a) => emailHash(secret, a))))]
  return suppress(ctx.db, ctx.projectId, hashes, reason, ctx.now.toISOString())
}
