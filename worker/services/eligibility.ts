// The contact ledger: may this known customer be asked now? One answer on any channel (widget,
// link, API), one dismissal of the widget or one survey-link invitation within the survey's
// throttleDays says no.
import { DAY_MS } from '../../schema/constants'
import type { Eligibility } from '../../schema/impression'
import { lastDismissalAt } from '../db/impressions'
import { lastInvitationAt } from '../db/invitations'
import { lastAnswerAt } from '../db/responses'

type Reason = NonNullable<Eligibility['reason']>

export async function eligibilityOf(
  d1: D1Database,
  projectId: string,
  customerId: string,
  throttleDays: number,
  now: Date,
): Promise<Eligibility> {
  if (throttleDays === 0) return { eligible: true }
  const since = new Date(now.getTime() - throttleDays * DAY_MS).toISOString()
  const [answeredAt, dismissedAt, invitedAt] = await Promise.all([
    lastAnswerAt(d1, projectId, customerId, since),
    lastDismissalAt(d1, projectId, customerId, since),
    lastInvitationAt(d1, projectId, customerId, since),
  ])
  const contacts: [Reason, string | null][] = [
    ['answered', answeredAt],
    ['dismissed', dismissedAt],
    ['invited', invitedAt],
  ]
  // ISO strings of one format sort as text: the later contact decides when asking is fine again.
  let latest: [Reason, string] | undefined
  for (const [reason, at] of contacts) if (at && (!latest || at > latest[1])) latest = [reason, at]
  if (!latest) return { eligible: true }
  const [reason, last] = latest
  const nextEligibleAt = new Date(Date.parse(last) + throttleDays * DAY_MS).toISOString()
  return { eligible: false, reason, nextEligibleAt }
}
