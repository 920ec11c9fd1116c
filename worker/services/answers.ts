// Recording an answer from any channel (widget, link, API, import): the checks every answer
// passes, the classification, and the idempotent write.
import { SCALES } from '../../schema/constants'
import type { PublicResponseInput } from '../../schema/response'
import type { LinkChannel } from '../../schema/counters'
import { classify, isValidScore, polaritySign } from '../../schema/scoring'
import type { SurveyForAnswer } from '../db/surveys'
import {
  CONTENT_COLUMNS,
  upsertResponse,
  type AnswerContent,
  type NewResponseRow,
  type OnSameId,
  type WriteResult,
} from '../db/responses'
import { hmacSha256Hex, safeEqual, sha256Hex } from '../lib/crypto'
import { newEditToken } from '../lib/ids'
import { termsColumn } from '../lib/terms'
import {
  ApiError,
  alreadyAnswered,
  answerStored,
  idConflict,
  validationError,
} from '../lib/problem'

export interface AnswerContext {
  channel: NewResponseRow['channel']
  /** Link answers: the channel that carried the link (the invitation's). */
  linkChannel?: LinkChannel
  now: Date
  /** When the answer was given, if not now (imports). */
  answeredAt?: Date
  /** 'replace' when a repeated id is a changed answer (survey links), not a retry. */
  onSameId?: OnSameId
  /**
   * How the customerId is proven when it comes without a customerHash: the survey link's token
   * (the hosted page; the invitation's customer was set with the secret key) or the secret key
   * itself (import). Without it, only a valid customerHash proves a customer.
   */
  identityProof?: 'link_token' | 'secret_key'
}

/** What an answer proved beyond its fields. */
export interface AnswerProofs {
  /** Its customerHash matched its customerId. */
  signed?: boolean
  /** SHA-256 of its edit token: answers from the public may be amended with the token. */
  editTokenHash?: string
}

/** Keeps only the path of a page URL: query strings and fragments often carry personal data. */
export function pagePathOf(pageUrl: string | undefined): string | null {
  if (!pageUrl) return null
  try {
    return new URL(pageUrl, 'https://invalid.example').pathname.slice(0, 512)
  } catch {
    return null
  }
}

/** Whether a page of this origin may answer the survey (an empty list allows any). */
export const originAllowed = (survey: SurveyForAnswer['survey'], origin: string | undefined) =>
  survey.allowedOrigins.length === 0 || (!!origin && survey.allowedOrigins.includes(origin))

/** The request's Origin must be one the survey allows (an empty list allows any). */
export function checkOrigin(survey: SurveyForAnswer['survey'], origin: string | undefined) {
  if (!originAllowed(survey, origin)) {
    // Names only the caller's own origin: the list itself is the customer's business.
    throw new ApiError(
      'origin_not_allowed',
      `This survey does not accept answers from ${origin ?? 'a page without Origin'}: add it to the survey's allowedOrigins.`,
    )
  }
}

/**
 * Refuses a forged or (where the project requires it) missing customerHash. Resolves to true when
 * the customerId is signed: only then may it read or write the contact ledger, or replace an answer.
 */
export async function checkIdentity(
  target: SurveyForAnswer,
  customerId: string | undefined,
  customerHash: string | undefined,
): Promise<boolean> {
  if (customerId === undefined) {
    if (customerHash !== undefined) {
      throw validationError([{ path: 'customerHash', message: 'customerHash needs a customerId' }])
    }
    return false
  }
  if (customerHash === undefined) {
    if (!target.requireSignedIdentity) return false
    throw new ApiError('identity_required', 'This project requires customerHash with customerId.', [
      { path: 'customerHash', message: 'required by this project' },
    ])
  }
  const expected = await hmacSha256Hex(target.identitySecret, customerId)
  if (!(await safeEqual(customerHash.toLowerCase(), expected))) {
    throw new ApiError('identity_invalid', 'customerHash does not match customerId.', [
      { path: 'customerHash', message: 'does not match customerId' },
    ])
  }
  return true
}

export function checkScore(target: SurveyForAnswer, score: number) {
  const kind = target.survey.kind
  if (!isValidScore(kind, score)) {
    const { min, max } = SCALES[kind]
    throw validationError([
      { path: 'score', message: `a ${kind} score is a whole number from ${min} to ${max}` },
    ])
  }
}

/** Builds the row for an already validated answer (score and identity checked). */
export function answerRow(
  target: SurveyForAnswer,
  input: PublicResponseInput,
  ctx: AnswerContext,
  proofs: AnswerProofs = {},
): NewResponseRow {
  const proven = proofs.signed === true || ctx.identityProof !== undefined
  const at = ctx.now.toISOString()
  const answeredAt = (ctx.answeredAt ?? ctx.now).toISOString()
  return {
    id: input.id.toLowerCase(),
    project_id: target.projectId,
    survey_id: target.survey.id,
    kind: target.survey.kind,
    score: input.score,
    category: classify(target.survey.kind, input.score),
    polarity: polaritySign(target.survey.kind, input.score),
    touchpoint: input.touchpoint ?? null,
    ref: input.ref ?? null,
    customer_id: input.customerId ?? null,
    email: input.email ?? null,
    reason: input.reason ?? null,
    // Insights hook: the reason's terms travel with it, so the term rollups follow every write.
    terms: termsColumn(input.reason, input.locale),
    contact_consent: input.contactConsent ? 1 : 0,
    properties: JSON.stringify(input.properties ?? {}),
    locale: input.locale ?? null,
    page_path: pagePathOf(input.pageUrl),
    channel: ctx.channel,
    link_channel: ctx.linkChannel ?? null,
    created_at: answeredAt,
    answered_at: answeredAt,
    updated_at: at,
    edit_token_hash: proofs.editTokenHash ?? null,
    customer_verified: input.customerId !== undefined && proven ? 1 : 0,
  }
}

export interface RecordedAnswer {
  outcome: 'created' | 'updated' | 'duplicate'
  id: string
  category: WriteResult['category']
  /** A token the server made for this answer (the request had none): hand it back once. */
  editToken?: string
}

/** A retry proves it is the author by its token; imported, API and link answers have none. */
async function sameAuthor(token: string | undefined, storedHash: string | null) {
  if (token === undefined || storedHash === null) return false
  return safeEqual(await sha256Hex(token), storedHash)
}

/**
 * A repeated id without a token is a retry when it repeats every stored field its request sets
 * (a client that lost the first response, like the README's curl example). It learns nothing it
 * did not send: the category follows from its own score. Telling "same" from "changed" is an
 * oracle only to whoever holds the id, a UUID v4 its author made (122 random bits), so no one
 * else can ask it.
 */
function sameContent(row: NewResponseRow, stored: AnswerContent | undefined) {
  return stored !== undefined && CONTENT_COLUMNS.every((c) => row[c] === stored[c])
}

/**
 * Validates an answer against its survey and stores it once, whatever the number of retries.
 * Answers from the public (the widget channel) carry an edit token, made here if the client sent
 * none; a repeated id is a retry with the same token, or with no token and the same content
 * (then no token is handed out: only the first response carries it). A wrong token is never a
 * retry, so a client never believes a token that cannot amend the answer. An answer for a stored (survey,
 * customer, ref) replaces it only with proof of identity, else 409 already_answered: the caller
 * learns neither the stored id nor its score.
 */
export async function recordAnswer(
  d1: D1Database,
  target: SurveyForAnswer,
  input: PublicResponseInput,
  ctx: AnswerContext,
): Promise<RecordedAnswer> {
  checkScore(target, input.score)
  const signed =
    ctx.identityProof === undefined &&
    (await checkIdentity(target, input.customerId, input.customerHash))
  const fromPublic = ctx.channel === 'widget'
  const madeToken = fromPublic && input.editToken === undefined ? newEditToken() : undefined
  const token = fromPublic ? (input.editToken ?? madeToken) : undefined
  const row = answerRow(target, input, ctx, {
    signed,
    editTokenHash: token === undefined ? undefined : await sha256Hex(token),
  })
  const result = await upsertResponse(d1, row, ctx.onSameId)
  const { outcome, id, category } = result
  if (outcome === 'kept') {
    if (row.customer_verified !== 1) throw alreadyAnswered()
    // A proven customer's answer given before the stored one: the stored one stays (import rule).
    return { outcome: 'duplicate', id, category }
  }
  if (outcome === 'duplicate') {
    if (result.surveyId !== target.survey.id) throw idConflict()
    if (fromPublic && !(await sameAuthor(input.editToken, result.editTokenHash))) {
      if (input.editToken !== undefined || !sameContent(row, result.stored)) throw answerStored()
    }
    return { outcome, id, category }
  }
  return { outcome, id, category, ...(madeToken ? { editToken: madeToken } : {}) }
}
