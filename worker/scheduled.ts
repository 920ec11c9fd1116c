// The daily cron (wrangler.toml [triggers]): housekeeping that no request should wait for.
import { DAY_MS } from '../schema/constants'
import { deleteExpiredInvitations } from './db/invitations'
import { continueAllRebuilds } from './db/rebuild'
import type { Env } from './env'

/**
 * Invitations hold an email address and properties, so they should not outlive their use. They
 * are kept 90 days past expiry: until then an old link still gets the friendly "expired" page
 * (410), which needs the row to verify the token; after that it is simply unknown (404).
 */
export const INVITATION_GRACE_MS = 90 * DAY_MS

export async function purgeExpired(env: Env, now: Date) {
  const before = new Date(now.getTime() - INVITATION_GRACE_MS).toISOString()
  return { invitations: await deleteExpiredInvitations(env.DB, before) }
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const purged = await purgeExpired(env, new Date(controller.scheduledTime))
  console.log('purged', purged)
  // Property rollups still rebuilding after a change of segment keys (bounded chunks).
  console.log('rebuilt', await continueAllRebuilds(env.DB))
}
