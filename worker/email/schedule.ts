// The one way into the email channel's schedule: event rules, relationship programs and the
// closed loop's re-ask all call `scheduleSend`; the cron and the queue take it from the row on.
import { ScheduleSendInput, type ScheduleSendRequest } from '../../schema/email'
import type { Ctx } from '../context'
import { findSendTarget, insertSendOnce } from '../db/email-sends'
import { insertSendsOnce } from '../db/email-plan'
import type { EmailSendRow } from '../db/types'
import { emailHash } from '../lib/email-address'
import { newId } from '../lib/ids'

export type ScheduleResult =
  { ok: true; id: string; created: boolean } | { ok: false; reason: 'unknown_survey' }

/**
 * Schedules one survey email, exactly once per `dedupeKey`: a second call with the same key
 * (a retried event, a concurrent isolate) answers the first send's id with `created: false`.
 * Suppression and the cooldown are checked when the send is due, not here: a person may
 * unsubscribe or answer elsewhere in between.
 */
export async function scheduleSend(
  ctx: Pick<Ctx, 'db' | 'projectId' | 'now'>,
  request: ScheduleSendRequest,
): Promise<ScheduleResult> {
  // Callers validate their own input; this parse fills the defaults and guards the row.
  const input = ScheduleSendInput.parse(request)
  const target = await findSendTarget(ctx.db, ctx.projectId, input.surveyId)
  if (!target) return { ok: false, reason: 'unknown_survey' }
  const sent = await insertSendOnce(ctx.db, await rowOf(ctx, input, target.link_secret))
  return { ok: true, ...sent }
}

/**
 * `scheduleSend` for many sends of one survey at once (a program's daily trickle): the same
 * input rules and row, exactly once per `dedupeKey`, in one statement that carries the rows as
 * one JSON parameter (D1 binds at most 100 parameters a statement). Answers the ids it created;
 * a key scheduled before creates nothing.
 */
export async function scheduleSends(
  ctx: Pick<Ctx, 'db' | 'projectId' | 'now'>,
  surveyId: string,
  requests: (ScheduleSendRequest & { id?: string })[],
): Promise<{ ok: true; created: string[] } | { ok: false; reason: 'unknown_survey' }> {
  const inputs = requests.map((r) => ({ id: r.id, ...ScheduleSendInput.parse(r) }))
  if (inputs.some((i) => i.surveyId !== surveyId)) throw new Error('one survey per call')
  const target = await findSendTarget(ctx.db, ctx.projectId, surveyId)
  if (!target) return { ok: false, reason: 'unknown_survey' }
  if (!inputs.length) return { ok: true, created: [] }
  const rows = await Promise.all(
    inputs.map((input) => rowOf(ctx, input, target.link_secret, input.id)),
  )
  return { ok: true, created: await insertSendsOnce(ctx.db, rows) }
}

/** The row of one scheduled survey send: the one shape both schedulers store. */
async function rowOf(
  ctx: Pick<Ctx, 'projectId' | 'now'>,
  input: ScheduleSendInput,
  linkSecret: string,
  id = newId('eml'),
): Promise<EmailSendRow> {
  return {
    id,
    project_id: ctx.projectId,
    survey_id: input.surveyId,
    source: input.source,
    kind: 'survey',
    dedupe_key: input.dedupeKey,
    email: input.email,
    email_hash: await emailHash(linkSecret, input.email),
    customer_id: input.customerId ?? null,
    ref: input.ref ?? null,
    locale: input.locale ?? null,
    time_zone: input.timeZone ?? null,
    state: 'scheduled',
    reason: null,
    scheduled_for: input.scheduledFor.toISOString(),
    sent_at: null,
    reminder_after_days: input.reminderAfterDays,
    invitation_id: null,
    created_at: ctx.now.toISOString(),
  }
}
