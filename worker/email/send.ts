// The outbound handler for kind 'email-send': one due send, from its lease to the mailer. Exactly
// once: the lease is one guarded UPDATE (a second delivery of the message, or a second consumer,
// finds it held or ended and acks), the survey link is made once and remembered on the row, and
// only the lease holder may mark the send sent. The one gap no database closes: a worker that dies
// after the mailer accepted the message and before the row says so sends again once the lease
// has passed (the mailer has no idempotency key to close it).
import { resolveLocale } from '../../schema/i18n'
import { contextFor, type Ctx } from '../context'
import {
  endLeasedSend,
  failSend,
  firstAskOf,
  leaseSend,
  markSent,
  releaseForRetry,
  sendSettings,
  setSendInvitation,
  type SendSettings,
} from '../db/email-delivery'
import type { EmailSendRow } from '../db/types'
import type { Env } from '../env'
import { newId } from '../lib/ids'
import type { OutboundHandler, OutboundMessage, Outcome } from '../outbound/messages'
import { retryDelay } from '../outbound/retry'
import { createInvitation, linkUrlOf } from '../services/invitations'
import { staticBlock } from './gate'
import { sendMail } from './mailer'
import { renderSurveyEmail } from './render'
import { signUnsubscribeToken, UNSUBSCRIBE_TTL_S } from './unsubscribe-token'

type EmailSendMessage = Extract<OutboundMessage, { kind: 'email-send' }>

const ACK: Outcome = { type: 'ack' }
/** How long a consumer holds a send while it renders and mails (then another may take it). */
export const SEND_LEASE_MS = 5 * 60 * 1000
/** A survey link from an email stays open this long. */
const LINK_DAYS = 30

/** Where links in emails point: the worker's public origin (PUBLIC_URL). */
export const publicOrigin = (env: Pick<Env, 'PUBLIC_URL'>) =>
  env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined

/** The sending address: EMAIL_FROM, else surveys@ the public host. */
const fromAddress = (env: Env, origin: string) =>
  env.EMAIL_FROM ?? `surveys@${new URL(origin).hostname}`

/** The survey link of this send: made once through the contact ledger, or the one made before. */
async function linkOf(
  ctx: Ctx,
  send: EmailSendRow,
  settings: SendSettings,
  token: string,
  origin: string,
) {
  if (send.invitation_id) {
    const link = await linkUrlOf(ctx.db, send.invitation_id, origin)
    return link ? ({ ok: true, url: link.url } as const) : ({ ok: false } as const)
  }
  const made = await createInvitation(
    ctx,
    {
      surveyId: send.survey_id,
      touchpoint: 'email',
      ref: send.ref ?? send.dedupe_key.slice(0, 64),
      customerId: send.customer_id ?? undefined,
      email: send.email,
      locale: send.locale ?? undefined,
      expiresInDays: LINK_DAYS,
      channel: 'email',
      cooldownDays: settings.cooldown_days,
    },
    origin,
  )
  if (!made.ok) return { ok: false } as const
  await setSendInvitation(ctx.db, send.id, token, made.invitationId)
  return { ok: true, url: made.invitation.url } as const
}

async function attempt(
  msg: EmailSendMessage,
  env: Env,
  deps: { now: () => Date; schedule: readonly number[] },
) {
  const now = deps.now()
  const ctx = contextFor(env, msg.projectId, { kind: 'system', task: 'email-send' }, now)
  const token = crypto.randomUUID()
  const at = now.toISOString()
  const send = await leaseSend(
    ctx.db,
    { id: msg.sendId, projectId: msg.projectId },
    token,
    at,
    new Date(now.getTime() + SEND_LEASE_MS).toISOString(),
  )
  // Ended already, or another consumer holds it: that one (or the cron after its lease) finishes.
  if (!send) return ACK
  const end = async (state: Parameters<typeof endLeasedSend>[3], reason: string) => {
    await endLeasedSend(ctx.db, send.id, token, state, reason)
    return ACK
  }
  const origin = publicOrigin(env)
  if (!origin) return end('failed', 'no_public_url')
  if (!send.email) return end('skipped', 'erased')
  const settings = await sendSettings(ctx.db, send.project_id, send.survey_id, send.email_hash)
  if (!settings) return end('skipped', 'survey_deleted')
  const block = staticBlock(settings)
  if (block) return end(block.state, block.reason)
  if (send.kind === 'reminder') {
    // Only to people who have not answered: the first ask is still 'sent'.
    const first = await firstAskOf(ctx.db, send)
    if (first?.state !== 'sent') return end('cancelled', 'answered')
  }
  const link = await linkOf(ctx, send, settings, token, origin)
  if (!link.ok) return end('skipped', 'cooldown')
  const locale = resolveLocale([send.locale])
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TTL_S
  const unsubscribeUrl = `${origin}/u/${await signUnsubscribeToken(settings.link_secret, send.id, expires)}`
  const mail = renderSurveyEmail({
    kind: send.kind,
    locale,
    survey: { kind: settings.kind!, texts: JSON.parse(settings.texts ?? '{}') },
    company: settings.company,
    linkUrl: link.url,
    unsubscribeUrl,
  })
  const from = { email: fromAddress(env, origin), name: settings.company }
  const result = await sendMail(env, {
    to: send.email,
    from,
    replyTo: settings.email_reply_to ?? undefined,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
  })
  if (!result.ok) {
    if (result.reason === 'no_mailer') return end('failed', 'no_mailer')
    // Never the address or the mailer's text in logs: they may name the person.
    console.warn('email: the mailer refused a send', send.id)
    const attempts = (send.attempts ?? 0) + 1
    const delay = retryDelay(attempts, deps.schedule)
    if (delay === undefined) {
      await releaseForRetry(ctx.db, send.id, token, at)
      return { type: 'dead' } satisfies Outcome
    }
    // Hold off the cron's re-claim until just after the retry is due.
    const holdUntil = new Date(now.getTime() + (delay + 60) * 1000).toISOString()
    await releaseForRetry(ctx.db, send.id, token, holdUntil)
    return { type: 'retry', delaySeconds: delay } satisfies Outcome
  }
  const headers: Record<string, string> = { ...mail.headers }
  if (settings.email_reply_to) headers['Reply-To'] = settings.email_reply_to
  await markSent(
    ctx.db,
    send,
    token,
    {
      send_id: send.id,
      project_id: send.project_id,
      message_id: result.messageId,
      recipient: send.email,
      subject: mail.subject,
      headers: JSON.stringify({
        From: `${from.name} <${from.email}>`,
        To: send.email,
        Subject: mail.subject,
        ...headers,
      }),
      html: mail.html,
      text: mail.text,
      created_at: at,
    },
    newId('eml'),
  )
  return ACK
}

export const emailSendHandler: OutboundHandler<EmailSendMessage> = {
  attempt,
  async dead(msg, env) {
    const ctx = contextFor(env, msg.projectId, { kind: 'system', task: 'email-send' })
    if (await failSend(ctx.db, msg.sendId, msg.projectId, 'mailer_refused'))
      console.warn('email: a send failed after its retries', msg.sendId)
  },
}
