// The contact ledger: may this known customer be asked now? One answer on any channel (widget,
// link, API) or one dismissal of the widget within the survey's throttleDays says no.
import { DAY_MS } from '../../schema/constants'
import type { Eligibility } from '../../schema/impression'
import { lastDismissalAt } from '../db/impressions'
import { lastAnswerAt } from '../db/responses'

export async function eligibilityOf(
  d1: D1Database,
  projectId: string,
  customerId: string,
  throttleDays: number,
  now: Date,
): Promise<Eligibility> {
  if (throttleDays === 0) return { eligible: true }
  const since = new Date(now.getTime() - throttleDays * DAY_MS).toISOString()
  const [answeredAt, dismissedAt] = await Promise.all([
    lastAnswerAt(d1, projectId, customerId, since),
    lastDismissalAt(d1, projectId, customerId, since),
  ])
  if (!answeredAt && !dismissedAt) return { eligible: true }
  // ISO strings of one format sort as text: the later contact decides when asking is fine again.
  const reason = (answeredAt ?? '') >= (dismissedAt ?? '') ? 'answered' : 'dismissed'
  const last = (reason === 'answered' ? answeredAt : dismissedAt) as string
  const nextEligibleAt = new Date(Date.parse(last) + throttleDays * DAY_MS).toISOString()
  return { eligible: false, reason, nextEligibleAt }
}
