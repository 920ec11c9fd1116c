// Survey links for support tools: create a signed invitation, open it, record its answer.
import { DAY_MS, SCALES, type Locale } from '../../schema/constants'
import { MESSAGES, resolveLocale } from '../../schema/i18n'
import { surveyCopy } from '../../schema/survey-copy'
import type { LinkChannel } from '../../schema/counters'
import type { InvitationCreate, InvitationCreated } from '../../schema/invitation'
import { isValidScore } from '../../schema/scoring'
import {
  findInvitation,
  insertInvitationUnlessContacted,
  propertiesOf,
  type FoundInvitation,
} from '../db/invitations'
import type { InvitationRow } from '../db/types'
import { answeredThroughLinkStatements } from '../db/email-delivery'
import { findLinkAnswer } from '../db/responses'
import { findSurveyForAnswer, type SurveyForAnswer } from '../db/surveys'
import {
  answerIdFor,
  newInvitationId,
  parseLinkToken,
  signLinkToken,
  verifyLinkToken,
  type LinkClaims,
} from '../lib/link-token'
import { emailSnippet } from '../pages/email'
import { recordAnswer, type RecordedAnswer } from './answers'
import { eligibilityOf } from './eligibility'
import type { Ctx } from '../context'
import { normaliseEmail } from '../lib/email-address'

const claimsOf = (row: InvitationRow): LinkClaims => ({
  projectId: row.project_id,
  surveyId: row.survey_id,
  touchpoint: row.touchpoint,
  ref: row.ref,
  customerId: row.customer_id,
  email: row.email,
  properties: row.properties,
  locale: row.locale,
})

const CONTACTS = {
  answered: 'answered a survey',
  dismissed: 'dismissed a survey',
  invited: 'was invited to a survey',
} as const

/**
 * Why no invitation was made, as a value: the help-desk job decides by `reason`, and only the
 * route turns it into a problem (404 not_found, 409 customer_throttled).
 */
export type InvitationRefused = {
  ok: false
  reason: 'survey_missing' | 'throttled'
  detail: string
}
export type InvitationResult =
  { ok: true; invitationId: string; invitation: InvitationCreated } | InvitationRefused

/** The refusal for a customer contacted within the contact window, naming the latest contact. */
async function customerThrottled(
  d1: D1Database,
  projectId: string,
  customerId: string,
  throttleDays: number,
  now: Date,
) {
  // Read after the refused insert, only on this path; a contact erased in between leaves no date.
  const e = await eligibilityOf(d1, projectId, customerId, throttleDays, now)
  const what = e.reason ? CONTACTS[e.reason] : 'was contacted'
  const when = e.nextEligibleAt ? `; ask again from ${e.nextEligibleAt}` : ''
  return {
    ok: false,
    reason: 'throttled',
    detail: `This customer ${what} within the survey's throttleDays or the project's cooldownDays${when}. Send "force": true to invite anyway.`,
  } satisfies InvitationRefused
}

/**
 * What an invitation asks for. `channel` is what carries the link, under which its answer counts:
 * 'link' (POST /v1/invitations, whose callers cannot name another: they send the link their own
 * way) unless an in-process sender says otherwise (the help-desk connectors: 'helpdesk').
 */
export type InvitationRequest = InvitationCreate & {
  channel?: LinkChannel
  /**
   * The email channel's fatigue cap (worker/email/send.ts): this many days replace the survey's
   * throttleDays as the window, and a person known by email alone is checked by address too.
   */
  cooldownDays?: number
}

export async function createInvitation(
  ctx: Ctx,
  input: InvitationRequest,
  origin: string,
): Promise<InvitationResult> {
  const { db: d1, projectId, now } = ctx
  const target = await findSurveyForAnswer(d1, input.surveyId)
  if (!target || target.projectId !== projectId)
    return { ok: false, reason: 'survey_missing', detail: 'Survey not found.' }
  const expiresAt = Math.floor(now.getTime() / 1000) + input.expiresInDays * (DAY_MS / 1000)
  const row: InvitationRow = {
    id: newInvitationId(),
    project_id: projectId,
    survey_id: target.survey.id,
    touchpoint: input.touchpoint,
    ref: input.ref,
    customer_id: input.customerId ?? null,
    email: input.email ?? null,
    properties: JSON.stringify(input.properties ?? {}),
    locale: input.locale ?? null,
    expires_at: new Date(expiresAt * 1000).toISOString(),
    created_at: now.toISOString(),
    channel: input.channel ?? 'link',
  }
  // A sent invitation is itself a contact: the ledger check and the insert are one statement,
  // so concurrent calls for one customer create one link (see insertInvitationUnlessContacted).
  const throttleDays = input.cooldownDays ?? target.contactDays
  const customerId = input.customerId
  const byEmail =
    input.cooldownDays !== undefined && input.email ? normaliseEmail(input.email) : null
  const checked = (customerId !== undefined || byEmail !== null) && !input.force && throttleDays > 0
  const since = checked ? new Date(now.getTime() - throttleDays * DAY_MS).toISOString() : null
  const { inserted } = await insertInvitationUnlessContacted(
    d1,
    row,
    since,
    checked ? byEmail : null,
  )
  if (!inserted) {
    if (customerId !== undefined)
      return customerThrottled(d1, projectId, customerId, throttleDays, now)
    return { ok: false, reason: 'throttled', detail: 'This address was asked within the cooldown.' }
  }
  const token = await signLinkToken(target.linkSecret, row.id, expiresAt, claimsOf(row))
  const url = `${origin}/s/${token}`
  const locale = resolveLocale([input.locale])
  const { html, text } = emailSnippet({
    url,
    locale,
    scale: SCALES[target.survey.kind],
    copy: surveyCopy(target.survey.kind, target.survey.texts, locale, MESSAGES[locale]),
  })
  return {
    ok: true,
    invitationId: row.id,
    invitation: { url, expiresAt: row.expires_at, emailHtml: html, emailText: text },
  }
}

/** The survey link of a stored invitation, signed again (the same token: the MAC is deterministic). */
export async function linkUrlOf(d1: D1Database, invitationId: string, origin: string) {
  const inv = await findInvitation(d1, invitationId)
  if (!inv) return undefined
  const expiresAt = Date.parse(inv.expires_at) / 1000
  const token = await signLinkToken(inv.link_secret, inv.id, expiresAt, claimsOf(inv))
  return { url: `${origin}/s/${token}`, expiresAt: inv.expires_at }
}

export type OpenedLink =
  | { status: 'invalid' | 'missing' }
  | { status: 'expired' | 'closed'; locale: Locale }
  | {
      status: 'open'
      invitation: FoundInvitation
      target: SurveyForAnswer
      answerId: string
      locale: Locale
    }

/**
 * Checks a token and finds what it stands for. Nothing about an invitation (not even its
 * expiry) is trusted or revealed before its MAC verifies; `now` is injectable for tests.
 */
export async function openLink(
  d1: D1Database,
  token: string,
  now: Date,
  acceptLanguages: readonly string[] = [],
): Promise<OpenedLink> {
  const parsed = parseLinkToken(token)
  if (!parsed) return { status: 'invalid' }
  const invitation = await findInvitation(d1, parsed.invitationId)
  if (!invitation) return { status: 'missing' }
  const expiresAt = Date.parse(invitation.expires_at) / 1000
  const authentic =
    parsed.expiresAt === expiresAt &&
    (await verifyLinkToken(invitation.link_secret, parsed, claimsOf(invitation)))
  if (!authentic) return { status: 'invalid' }
  const locale = resolveLocale([invitation.locale, ...acceptLanguages])
  if (now.getTime() / 1000 >= parsed.expiresAt) return { status: 'expired', locale }
  const target = await findSurveyForAnswer(d1, invitation.survey_id)
  if (!target) return { status: 'closed', locale }
  if (target.projectId !== invitation.project_id) return { status: 'missing' }
  const answerId = await answerIdFor(invitation.link_secret, invitation.id)
  return { status: 'open', invitation, target, answerId, locale }
}

export type OpenLink = Extract<OpenedLink, { status: 'open' }>

/** The answer already given through this link, if any (to show it when the link is reopened). */
export async function previousAnswer(d1: D1Database, link: OpenLink) {
  const row = await findLinkAnswer(d1, link.target.survey.id, link.answerId)
  return (
    row && { score: row.score, reason: row.reason ?? '', contactConsent: row.contact_consent === 1 }
  )
}

export interface LinkAnswer {
  score: number
  reason?: string
  contactConsent: boolean
}

export const isScoreFor = (link: OpenLink, score: number) =>
  isValidScore(link.target.survey.kind, score)

/**
 * Records the answer with the invitation's ticket data; a second answer through the same link
 * replaces the first (same answer id), so one link never counts twice. The link's verified token
 * is the proof of identity: its customer was set by the project's secret key, so the answer may
 * replace an earlier one for the same (survey, customer, ref) and counts in the contact ledger.
 */
export async function answerLink(
  d1: D1Database,
  link: OpenLink,
  answer: LinkAnswer,
  now: Date,
): Promise<RecordedAnswer> {
  const { invitation: inv, target } = link
  const recorded = await recordAnswer(
    d1,
    target,
    {
      id: link.answerId,
      surveyId: target.survey.id,
      score: answer.score,
      reason: answer.reason || undefined,
      touchpoint: inv.touchpoint,
      ref: inv.ref,
      customerId: inv.customer_id ?? undefined,
      email: inv.email ?? undefined,
      properties: propertiesOf(inv),
      locale: link.locale,
      contactConsent: answer.contactConsent,
    },
    {
      channel: 'link',
      linkChannel: inv.channel,
      now,
      onSameId: 'replace',
      identityProof: 'link_token',
    },
  )
  // An answer through an emailed link: its sends are answered, its reminder will not go.
  if (inv.channel === 'email')
    await d1.batch(answeredThroughLinkStatements(d1, inv.project_id, inv.id))
  return recorded
}
