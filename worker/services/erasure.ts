// Erasing a customer (GDPR): their answers, impressions and survey-link invitations in one
// D1 batch (one transaction), each table's statement from its own query module.
import { eraseImpressionsStatement } from '../db/impressions'
import { eraseInvitationsStatement } from '../db/invitations'
import { eraseAnswersStatement } from '../db/responses'

/** Says how many answers went, and whether anything at all did. */
export async function eraseCustomer(d1: D1Database, projectId: string, customerId: string) {
  const [answers, ...others] = await d1.batch([
    eraseAnswersStatement(d1, projectId, customerId),
    eraseImpressionsStatement(d1, projectId, customerId),
    eraseInvitationsStatement(d1, projectId, customerId),
  ])
  const deleted = answers.results.length
  return { deleted, found: deleted > 0 || others.some((r) => (r.meta.changes ?? 0) > 0) }
}
