// PATCH /v1/public/responses/:id: the author of a widget answer adds a reason or consent, or
// changes the score, within 24 hours. The edit token is the proof of authorship.
import { termsColumn } from '../lib/terms'
import { LIMITS } from '../../schema/constants'
import type { PublicResponsePatch } from '../../schema/response'
import { classify, polaritySign } from '../../schema/scoring'
import { amendResponse, findAmendable, type Amendment } from '../db/responses'
import { findSurveyForAnswer } from '../db/surveys'
import { safeEqual, sha256Hex } from '../lib/crypto'
import { ApiError, editTokenInvalid, notFound } from '../lib/problem'
import { checkOrigin, checkScore } from './answers'

// Compared against when the id is unknown or its answer has no token, so that every refusal
// takes the same path (a hash of nothing any token hashes to).
const NO_TOKEN = '0'.repeat(64)

const amendWindowClosed = () =>
  new ApiError('amend_window_closed', 'An answer can be amended only within 24 hours.')

/**
 * Checks, in this order: the token (403 edit_token_invalid, the same whether the id exists or not,
 * so the route is no oracle), the page's origin against the survey's allowedOrigins, the 24-hour
 * window, the score's scale; then writes. A changed score is classified again, and the rollup
 * trigger moves it between buckets in the same statement.
 */
export async function amendAnswer(
  d1: D1Database,
  id: string,
  patch: PublicResponsePatch,
  request: { origin: string | undefined; now: Date },
) {
  const stored = await findAmendable(d1, id)
  const tokenHash = await sha256Hex(patch.editToken)
  const matches = await safeEqual(tokenHash, stored?.edit_token_hash ?? NO_TOKEN)
  if (!stored?.edit_token_hash || !matches) throw editTokenInvalid()

  const target = await findSurveyForAnswer(d1, stored.survey_id)
  if (!target) throw notFound('Survey')
  checkOrigin(target.survey, request.origin)
  const since = new Date(request.now.getTime() - LIMITS.amendWindowMs).toISOString()
  if (stored.answered_at < since) throw amendWindowClosed()

  const change: Amendment = {
    reason: patch.reason,
    contactConsent: patch.contactConsent,
    email: patch.email,
  }
  // The themes rollups follow the reason through its terms, in the answer's own language.
  if (patch.reason !== undefined) change.terms = termsColumn(patch.reason, stored.locale)
  if (patch.score !== undefined) {
    checkScore(target, patch.score)
    change.score = patch.score
    change.category = classify(target.survey.kind, patch.score)
    change.polarity = polaritySign(target.survey.kind, patch.score)
  }
  const amended = await amendResponse(
    d1,
    stored.id,
    tokenHash,
    change,
    since,
    request.now.toISOString(),
  )
  // Replaced by another author, or the window closed, between the check and the write.
  if (!amended) throw editTokenInvalid()
  return amended
}
