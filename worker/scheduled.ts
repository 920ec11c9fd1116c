// The daily cron (wrangler.toml [triggers]): housekeeping that no request should wait for.
import type { Env } from './env'
import { runHousekeeping } from './services/retention'

export { INVITATION_GRACE_MS } from './services/retention'

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const done = await runHousekeeping(env.DB, new Date(controller.scheduledTime))
  console.log('housekeeping', done)
}
