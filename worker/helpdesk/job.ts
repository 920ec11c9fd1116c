// The outbound handler for kind 'helpdesk': one attempt of one ticket's job. When the delay is
// over it re-reads the ticket through the help desk's API and applies the rules; then it makes
// the invitation (through the contact ledger) and posts the reply. A reply attempt after one
// whose outcome is unknown (5xx, timeout) first looks for the survey link in the thread, so a
// retry never posts twice. Every decision goes to the connection's events log.
import { HELPDESK_LIMITS, type HelpdeskJobState } from '../../schema/constants'
import { resolveLocale } from '../../schema/i18n'
import { InvitationCreate } from '../../schema/invitation'
import { findConnectionById, rulesOf } from '../db/helpdesk-connections'
import { logEvent, type EventInput } from '../db/helpdesk-events'
import { claimJob, findJob, settleJob, type JobChange } from '../db/helpdesk-jobs'
import { findSurveyForAnswer } from '../db/surveys'
import type { HelpdeskConnectionRow, HelpdeskJobRow } from '../db/types'
import type { Env } from '../env'
import { contextFor, type Ctx } from '../context'
import { dbForPublicId } from '../db/resolve'
import type { OutboundDeps, OutboundHandler, Outcome } from '../outbound/messages'
import { createInvitation } from '../services/invitations'
import { deskFor, type Desk } from './desk'
import { decide, nextStep, type CallFailure, type TicketFacts } from './rules'
import { replyHtml } from './snippet'

const ACK: Outcome = { type: 'ack' }
const MAX_DELAY_S = 43_200

/** One attempt: the job, its connection, and the context the job acts in for its project. */
interface Attempt {
  ctx: Ctx
  env: Env
  deps: OutboundDeps
  job: HelpdeskJobRow
  conn: HelpdeskConnectionRow
  now: Date
}

async function settle(
  c: Attempt,
  change: Omit<JobChange, 'at'>,
  event: Omit<EventInput, 'connection_id' | 'ticket_id'>,
) {
  const at = c.now.toISOString()
  await settleJob(c.ctx.db, c.job.id, { ...change, at })
  await logEvent(c.ctx.db, { connection_id: c.conn.id, ticket_id: c.job.ticket_id, ...event }, at)
}

/** A failed call: retry on the schedule (or after Retry-After), or stop for good. */
async function failed(c: Attempt, f: CallFailure, state: HelpdeskJobState): Promise<Outcome> {
  const attempts = c.job.attempts + 1
  const step = nextStep(f, attempts, c.deps.schedule)
  const http_status = f.status
  if (step.type === 'stop') {
    await settle(
      c,
      { state: 'failed', attempts },
      { outcome: 'failed', reason: step.reason, detail: step.detail, http_status },
    )
    return ACK
  }
  const dueAt = new Date(c.now.getTime() + step.delaySeconds * 1000).toISOString()
  const detail = `${f.status ? `HTTP ${f.status}: ` : ''}${f.error}; next attempt in ${step.delaySeconds} s`
  await settle(
    c,
    { state, attempts, dueAt },
    { outcome: 'retrying', reason: step.reason, detail, http_status },
  )
  return { type: 'retry', delaySeconds: step.delaySeconds }
}

function invitationInput(c: Attempt, t: TicketFacts) {
  return InvitationCreate.safeParse({
    surveyId: c.conn.survey_id,
    touchpoint: 'support',
    ref: c.job.ticket_id,
    customerId: t.requester.id ?? undefined,
    email: t.requester.email ?? undefined,
    // Without a language in the help desk, the page follows the browser's languages.
    locale: t.requester.locale ? resolveLocale([t.requester.locale]) : undefined,
    properties: t.properties,
  })
}

/** The delay is over: check the ticket now, then invite and post. */
async function checkAndInvite(c: Attempt, desk: Desk): Promise<Outcome> {
  const t = await desk.ticket(c.job.ticket_id)
  if (!t.ok) return failed(c, t, 'waiting')
  const rules = rulesOf(c.conn)
  const d = decide(rules, t.value)
  if (!d.go) {
    const state = d.reason === 'reopened' ? 'reopened' : 'skipped'
    await settle(c, { state }, { outcome: 'skipped', reason: d.reason, detail: d.detail })
    return ACK
  }
  const input = invitationInput(c, t.value)
  if (!input.success) {
    const detail = `the requester's data does not fit an invitation: ${input.error.issues[0]?.path.join('.')}`
    await settle(c, { state: 'failed' }, { outcome: 'failed', reason: 'helpdesk_error', detail })
    return ACK
  }
  const made = await createInvitation(c.ctx, { ...input.data, channel: 'helpdesk' }, c.conn.origin)
  if (!made.ok) {
    const throttled = made.reason === 'throttled'
    await settle(
      c,
      { state: throttled ? 'skipped' : 'failed' },
      { outcome: throttled ? 'skipped' : 'failed', reason: made.reason, detail: made.detail },
    )
    return ACK
  }
  const url = made.invitation.url
  const target = await findSurveyForAnswer(c.ctx.db, c.conn.survey_id)
  if (!target) throw new Error('survey vanished between invitation and reply')
  const html = replyHtml(url, target.survey, resolveLocale([input.data.locale]))
  const at = c.now.toISOString()
  await settleJob(c.ctx.db, c.job.id, {
    state: 'posting',
    at,
    attempts: 0,
    surveyUrl: url,
    replyHtml: html,
  })
  c.job = { ...c.job, state: 'posting', attempts: 0, survey_url: url, reply_html: html }
  return post(c, desk)
}

async function post(c: Attempt, desk: Desk): Promise<Outcome> {
  const { job } = c
  if (!job.survey_url || !job.reply_html)
    throw new Error(`job ${job.id} is posting without a reply`)
  if (job.attempts > 0) {
    const seen = await desk.hasReply(job.ticket_id, job.survey_url)
    if (!seen.ok) return failed(c, seen, 'posting')
    if (seen.value) {
      const detail = 'an earlier attempt had posted the survey; not posted again'
      await settle(
        c,
        { state: 'posted', replyHtml: null },
        { outcome: 'posted', reason: 'already_replied', detail },
      )
      return ACK
    }
  }
  const r = await desk.reply(job.ticket_id, job.reply_html)
  if (!r.ok) return failed(c, r, 'posting')
  const detail = 'invitation created and the survey posted as a public reply'
  await settle(
    c,
    { state: 'posted', replyHtml: null },
    { outcome: 'posted', reason: 'replied', detail },
  )
  return ACK
}

async function attempt(jobId: string, env: Env, deps: OutboundDeps): Promise<Outcome> {
  const now = deps.now()
  const at = now.toISOString()
  const lease = new Date(now.getTime() + HELPDESK_LIMITS.leaseMs).toISOString()
  // The message names the job only: its project is known once the job's row is read.
  const d1 = dbForPublicId(env, jobId)
  const job = await claimJob(d1, jobId, at, lease)
  if (!job) {
    // Not due yet (a message that came early): wait for the rest; done or held: nothing to do.
    const j = await findJob(d1, jobId)
    const open = j && (j.state === 'waiting' || j.state === 'posting') && j.due_at > at
    if (!open) return ACK
    const wait = Math.ceil((Date.parse(j.due_at) - now.getTime()) / 1000)
    return { type: 'retry', delaySeconds: Math.min(Math.max(wait, 1), MAX_DELAY_S) }
  }
  const conn = await findConnectionById(d1, job.connection_id)
  if (!conn) return ACK // deleted: its jobs went with it
  const ctx = contextFor(env, conn.project_id, { kind: 'system', task: 'helpdesk' }, now)
  const c: Attempt = { ctx, env, deps, job, conn, now }
  const desk = await deskFor(env, conn, deps)
  if ('error' in desk) {
    await settle(
      c,
      { state: 'failed' },
      { outcome: 'failed', reason: 'helpdesk_error', detail: desk.error },
    )
    return ACK
  }
  return job.state === 'waiting' ? checkAndInvite(c, desk) : post(c, desk)
}

export const helpdeskHandler: OutboundHandler<{ kind: 'helpdesk'; jobId: string }> = {
  attempt: (msg, env, deps) => attempt(msg.jobId, env, deps),
  async dead(msg, env, deps) {
    // The handler kept crashing on this job: record it as failed, once.
    const d1 = dbForPublicId(env, msg.jobId)
    const job = await findJob(d1, msg.jobId)
    if (!job || (job.state !== 'waiting' && job.state !== 'posting')) return
    const at = deps.now().toISOString()
    await settleJob(d1, job.id, { state: 'failed', at })
    const detail = 'dead-lettered: the job could not be processed'
    await logEvent(
      d1,
      {
        connection_id: job.connection_id,
        ticket_id: job.ticket_id,
        outcome: 'failed',
        reason: 'helpdesk_error',
        detail,
      },
      at,
    )
  },
}
