// Recording a display or dismissal of the widget: idempotent on (id, type), no IP address, and
// a customer only when signed.
import type { ImpressionInput } from '../../schema/impression'
import { insertImpression } from '../db/impressions'
import type { SurveyForAnswer } from '../db/surveys'
import { idConflict } from '../lib/problem'
import { checkIdentity } from './answers'

export async function recordImpression(
  d1: D1Database,
  target: SurveyForAnswer,
  input: ImpressionInput,
  now: Date,
) {
  const signed = await checkIdentity(target, input.customerId, input.customerHash)
  const id = input.id.toLowerCase()
  const stored = await insertImpression(d1, {
    id,
    type: input.type,
    project_id: target.projectId,
    survey_id: target.survey.id,
    touchpoint: input.touchpoint ?? null,
    // The customer is kept only when signed: an impression's customer feeds the contact ledger
    // alone, and an unsigned dismissal must not silence that customer on the server.
    customer_id: signed ? (input.customerId ?? null) : null,
    created_at: now.toISOString(),
  })
  if (stored.surveyId !== target.survey.id) throw idConflict()
  return { id, created: stored.created }
}
