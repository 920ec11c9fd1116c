// A business event (order.delivered, ticket.solved) becomes one scheduled survey email per
// matching rule, exactly once per (rule, type, ref): retried and concurrent calls share a send.
import { EMAIL_LIMITS, type EventAccepted, type EventCreate } from '../../schema/email-triggers'
import type { Ctx } from '../context'
import {
  findProjectEmailSettings,
  ruleFromRow,
  rulesForEvent,
  sendScheduledFor,
} from '../db/email-rules'
import { findPersonByHash } from '../db/people'
import { emailHash } from '../lib/email-address'
import type { SendBlock } from '../../schema/email-sends'
import { sendBlocker } from './gate'
import { scheduleSend } from './schedule'
import { nextInWindow } from './window'

type EventCtx = Pick<Ctx, 'db' | 'projectId' | 'now'>

export const eventDedupeKey = (ruleId: string, type: string, ref: string) =>
  `event:${ruleId}:${type}:${ref}`

export async function acceptEvent(ctx: EventCtx, event: EventCreate): Promise<EventAccepted> {
  const rules = await rulesForEvent(
    ctx.db,
    ctx.projectId,
    event.type,
    EMAIL_LIMITS.rulesPerEventType,
  )
  if (!rules.length) return { scheduled: [], reason: 'no_rule' }

  const settings = await findProjectEmailSettings(ctx.db, ctx.projectId)
  if (!settings) return { scheduled: [], reason: 'no_rule' }
  const hash = await emailHash(settings.link_secret, event.email)
  // The person's own zone and language when the event does not name them.
  const person =
    event.timeZone && event.locale ? undefined : await findPersonByHash(ctx.db, ctx.projectId, hash)
  const timeZone = event.timeZone ?? person?.time_zone ?? settings.time_zone
  const locale = event.locale ?? person?.locale ?? undefined
  // An event reported late is not sent in the past: the delay runs from the later of the two.
  const occurred = Date.parse(event.occurredAt)

  const scheduled: EventAccepted['scheduled'] = []
  let blocked: SendBlock | null = null
  let gate: SendBlock | null | undefined
  for (const rule of rules.map(ruleFromRow)) {
    // Suppressed, erased, or asked within the cooldown on any channel: 202 with the reason,
    // nothing scheduled (the gate runs again when the send is due: things change in between).
    // Asked once per event, with the first rule's survey: the suppression list and the
    // project-wide cooldown are the same for every rule (a survey's own cooldown is checked again
    // when each send is due), and one gate keeps ten rules within 50 D1 queries.
    const block =
      gate === undefined
        ? (gate = await sendBlocker(ctx, {
            emailHash: hash,
            customerId: event.customerId,
            surveyId: rule.surveyId,
          }))
        : gate
    // A deleted survey is the rule's own matter: scheduleSend skips that rule below.
    if (block && block.reason !== 'survey_deleted') {
      blocked ??= block
      continue
    }
    const start = new Date(Math.max(occurred + rule.delayMinutes * 60_000, ctx.now.getTime()))
    const at = nextInWindow(start, 0, rule.window, timeZone)
    const sent = await scheduleSend(ctx, {
      surveyId: rule.surveyId,
      email: event.email,
      customerId: event.customerId,
      ref: event.ref,
      locale,
      timeZone,
      source: 'event',
      dedupeKey: eventDedupeKey(rule.id, event.type, event.ref),
      scheduledFor: at,
      reminderAfterDays: rule.reminderAfterDays,
    })
    // The rule's survey was deleted after the rule was made: that rule sends nothing.
    if (!sent.ok) continue
    const scheduledFor = sent.created
      ? at.toISOString()
      : ((await sendScheduledFor(ctx.db, ctx.projectId, sent.id)) ?? at.toISOString())
    scheduled.push({ ruleId: rule.id, sendId: sent.id, scheduledFor, created: sent.created })
  }
  // Counts only: no address, customer or ref in the log.
  console.log('email event', {
    type: event.type,
    rules: rules.length,
    blocked: blocked?.reason ?? null,
    created: scheduled.filter((s) => s.created).length,
  })
  if (scheduled.length) return { scheduled }
  return {
    scheduled,
    reason: blocked && blocked.state !== 'cancelled' ? blocked.reason : 'no_rule',
  }
}
