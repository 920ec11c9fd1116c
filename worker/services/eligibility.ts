// The contact ledger: may this known customer be asked now? One answer on any channel (widget,
// link, API), one dismissal of the widget or one survey link (emailed, help desk, API) within the
// survey's contact window (the longer of its throttleDays and the cooldown) says no.
// It is read and written for proven customers only: a signed customerId (customerHash), or one
// set by the project's server (links, invitations, imports). An unsigned customerId proves
// nothing, so it may neither learn about a customer nor silence one: it gets the browser's
// throttle alone.
import { DAY_MS } from '../../schema/constants'
import type { Eligibility, EligibilityInput } from '../../schema/impression'
import { lastDismissalAt } from '../db/impressions'
import { lastInvitationAt } from '../db/invitations'
import { lastAnswerAt } from '../db/responses'
import type { SurveyForAnswer } from '../db/surveys'
import { checkIdentity } from './answers'

type Reason = NonNullable<Eligibility['reason']>

/** The ledger's verdict; the date is for trusted callers (the secret-key API), never public. */
export type LedgerVerdict = Eligibility & { nextEligibleAt?: string }

export async function eligibilityOf(
  d1: D1Database,
  projectId: string,
  customerId: string,
  throttleDays: number,
  now: Date,
): Promise<LedgerVerdict> {
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

/**
 * The widget's question. An unsigned customerId is answered eligible without reading the ledger
 * (anyone can send any id); a signed one learns whether and why, never when.
 */
export async function publicEligibility(
  d1: D1Database,
  target: SurveyForAnswer,
  { customerId, customerHash }: EligibilityInput,
  now: Date,
): Promise<Eligibility> {
  const signed = await checkIdentity(target, customerId, customerHash)
  if (!signed) return { eligible: true }
  const { eligible, reason } = await eligibilityOf(
    d1,
    target.projectId,
    customerId,
    target.contactDays,
    now,
  )
  return reason ? { eligible, reason } : { eligible }
}
