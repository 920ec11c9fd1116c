// Erasing a person (GDPR): their answers, impressions, survey-link invitations, survey emails and
// their entry in the people of email programs, in one D1 batch
// (one transaction), each table's statement from its own query module.
import { eraseImpressionsStatement } from '../db/impressions'
import { customerIdsOfInvitedEmail, eraseInvitationsStatement } from '../db/invitations'
import { customerIdsOfEmail, eraseAnswersStatement, type ErasureTarget } from '../db/responses'
import type { Ctx } from '../context'
import { eraseEmailStatements } from '../db/email-delivery'
import { erasePeopleStatement } from '../db/people'
import { emailHash } from '../lib/email-address'

const linkSecretOf = async (d1: D1Database, projectId: string) =>
  (
    await d1
      .prepare('SELECT link_secret FROM projects WHERE id = ?')
      .bind(projectId)
      .first<{ link_secret: string }>()
  )?.link_secret

/** Whom to erase: a customer id, or an email address. */
export type Erasure = { customerId: string } | { email: string }

/**
 * An email address names a person: every customer id that answered or was invited with it in
 * this project is that person too, so their answers without the address go as well.
 */
async function targetOf(d1: D1Database, projectId: string, who: Erasure): Promise<ErasureTarget> {
  if ('customerId' in who) return who
  const [answered, invited] = await Promise.all([
    customerIdsOfEmail(d1, projectId, who.email),
    customerIdsOfInvitedEmail(d1, projectId, who.email),
  ])
  return { email: who.email, customerIds: [...new Set([...answered, ...invited])] }
}

/** Says how many answers went, and whether anything at all did. */
export async function eraseCustomer(ctx: Ctx, who: Erasure) {
  const { db: d1, projectId } = ctx
  const target = await targetOf(d1, projectId, who)
  const customerIds = 'customerId' in target ? [target.customerId] : target.customerIds
  // The email channel: an erased address is never mailed again (its hash stays suppressed).
  const secret = 'email' in who ? await linkSecretOf(d1, projectId) : undefined
  const hash = secret && 'email' in who ? await emailHash(secret, who.email) : null
  const email = 'email' in who ? who.email : null
  // The suppression goes first: it looks for the address among what the rest then erases, so an
  // address the project never had is not added (a refused erasure stores nothing).
  const [suppress, ...emailRest] = eraseEmailStatements(
    d1,
    projectId,
    hash,
    customerIds,
    ctx.now.toISOString(),
    email,
  )
  const [, answers, ...others] = await d1.batch([
    suppress!,
    eraseAnswersStatement(d1, projectId, target),
    eraseImpressionsStatement(d1, projectId, customerIds),
    ...emailRest,
    eraseInvitationsStatement(d1, projectId, target),
    erasePeopleStatement(d1, projectId, hash, customerIds),
  ])
  const deleted = answers!.results.length
  const found = others.some((r) => (r.meta.changes ?? 0) > 0)
  return { deleted, found: deleted > 0 || found }
}
