// What stops a send (SPEC.md "Email channel"): a suppressed or erased address, a deleted survey,
// and the project-wide cooldown (the fatigue cap across widget, link, email and help desk).
// The consumer enforces the cooldown atomically in the ledger's guarded insert
// (worker/db/invitations.ts); sendBlocker answers the same question early, e.g. at event time.
import { DAY_MS } from '../../schema/constants'
import type { SendBlock } from '../../schema/email-sends'
import type { Ctx } from '../context'
import { lastEmailedAt, sendSettings, type SendSettings } from '../db/email-delivery'
import { eligibilityOf } from '../services/eligibility'

/** The blocks that need no ledger read: erased, suppressed, survey deleted. */
export function staticBlock(settings: SendSettings): SendBlock | null {
  if (settings.suppressed === 'erased') return { state: 'skipped', reason: 'erased' }
  if (settings.suppressed) return { state: 'suppressed', reason: settings.suppressed }
  if (!settings.survey_id) return { state: 'skipped', reason: 'survey_deleted' }
  return null
}

/**
 * null when a survey email to this person may go now, else the end state and its reason.
 * Reads: the settings (with the suppression list) and, inside the cooldown, the ledger of the
 * customer (answers, dismissals, links) and the address's earlier survey emails.
 */
export async function sendBlocker(
  ctx: Pick<Ctx, 'db' | 'projectId' | 'now'>,
  who: { emailHash: string; customerId?: string; surveyId: string },
): Promise<SendBlock | null> {
  const settings = await sendSettings(ctx.db, ctx.projectId, who.surveyId, who.emailHash)
  if (!settings) return { state: 'skipped', reason: 'survey_deleted' }
  const block = staticBlock(settings)
  if (block) return block
  const days = settings.cooldown_days
  if (days === 0) return null
  const since = new Date(ctx.now.getTime() - days * DAY_MS).toISOString()
  if (await lastEmailedAt(ctx.db, ctx.projectId, who.emailHash, since))
    return { state: 'skipped', reason: 'cooldown' }
  if (who.customerId) {
    const e = await eligibilityOf(ctx.db, ctx.projectId, who.customerId, days, ctx.now)
    if (!e.eligible) return { state: 'skipped', reason: 'cooldown' }
  }
  return null
}
