// Recording an answer from any channel (widget, link, API, import): the checks every answer
// passes, the classification, and the idempotent write.
import { SCALES } from '../../schema/constants'
import type { PublicResponseInput } from '../../schema/response'
import { classify, isValidScore } from '../../schema/scoring'
import type { SurveyForAnswer } from '../db/surveys'
import {
  upsertResponse,
  type NewResponseRow,
  type OnSameId,
  type WriteResult,
} from '../db/responses'
import { hmacSha256Hex, safeEqual } from '../lib/crypto'
import { termsColumn } from '../lib/terms'
import { ApiError, idConflict, validationError } from '../lib/problem'

export interface AnswerContext {
  channel: NewResponseRow['channel']
  now: Date
  /** When the answer was given, if not now (imports). */
  answeredAt?: Date
  /** 'replace' when a repeated id is a changed answer (survey links), not a retry. */
  onSameId?: OnSameId
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

/** The request's Origin must be one the survey allows (an empty list allows any). */
export function checkOrigin(survey: SurveyForAnswer['survey'], origin: string | undefined) {
  const allowed = survey.allowedOrigins
  if (allowed.length === 0) return
  if (!origin || !allowed.includes(origin)) {
    throw new ApiError(
      403,
      'origin_not_allowed',
      'This survey does not accept answers from this origin.',
    )
  }
}

export async function checkIdentity(
  target: SurveyForAnswer,
  customerId: string | undefined,
  customerHash: string | undefined,
) {
  if (customerId === undefined) {
    if (customerHash !== undefined) {
      throw validationError([{ path: 'customerHash', message: 'customerHash needs a customerId' }])
    }
    return
  }
  if (customerHash === undefined) {
    if (!target.requireSignedIdentity) return
    throw new ApiError(
      403,
      'identity_required',
      'This project requires customerHash with customerId.',
      [{ path: 'customerHash', message: 'required by this project' }],
    )
  }
  const expected = await hmacSha256Hex(target.identitySecret, customerId)
  if (!(await safeEqual(customerHash.toLowerCase(), expected))) {
    throw new ApiError(403, 'identity_invalid', 'customerHash does not match customerId.', [
      { path: 'customerHash', message: 'does not match customerId' },
    ])
  }
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
): NewResponseRow {
  const at = ctx.now.toISOString()
  const answeredAt = (ctx.answeredAt ?? ctx.now).toISOString()
  return {
    id: input.id.toLowerCase(),
    project_id: target.projectId,
    survey_id: target.survey.id,
    kind: target.survey.kind,
    score: input.score,
    category: classify(target.survey.kind, input.score),
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
    created_at: answeredAt,
    answered_at: answeredAt,
    updated_at: at,
  }
}

/** Validates an answer against its survey and stores it once, whatever the number of retries. */
export async function recordAnswer(
  d1: D1Database,
  target: SurveyForAnswer,
  input: PublicResponseInput,
  ctx: AnswerContext,
): Promise<WriteResult> {
  checkScore(target, input.score)
  await checkIdentity(target, input.customerId, input.customerHash)
  const result = await upsertResponse(d1, answerRow(target, input, ctx), ctx.onSameId)
  if (result.surveyId !== target.survey.id) {
    throw idConflict()
  }
  return result
}
