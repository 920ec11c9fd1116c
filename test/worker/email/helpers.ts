// Test helpers for the email channel: a mailer that records or refuses, a due send, and one
// attempt of the consumer's handler with a clock and a retry schedule the test chooses.
import { env } from 'cloudflare:test'
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../../schema/constants'
import type { ScheduleSendRequest } from '../../../schema/email'
import { scheduleSend } from '../../../worker/email/schedule'
import { emailSendHandler } from '../../../worker/email/send'
import type { EmailSendRow } from '../../../worker/db/types'
import type { Env } from '../../../worker/env'
import { contextOf } from '../helpers'

export interface SentMail {
  to: string
  subject: string
  html: string
  text: string
  headers?: Record<string, string>
  replyTo?: string
  from: { email: string; name: string }
}

/** A send_email binding that records messages; `refuse(n)` makes the next n sends throw. */
export function fakeMailer() {
  const sent: SentMail[] = []
  let refusals = 0
  const binding = {
    async send(m: SentMail) {
      if (refusals > 0) {
        refusals--
        throw new Error('E_RATE_LIMIT: try later')
      }
      sent.push(m)
      return { messageId: `<msg-${sent.length}@test>` }
    },
  }
  return {
    sent,
    refuse: (n: number) => void (refusals = n),
    env: { ...env, EMAIL: binding as unknown as SendEmail } satisfies Env,
  }
}

let seq = 0
/** Schedules one send through scheduleSend, due at `due`. */
export async function scheduleDue(
  projectId: string,
  surveyId: string,
  over: Partial<ScheduleSendRequest> = {},
  due = new Date(Date.now() - 60_000),
) {
  seq++
  const result = await scheduleSend(contextOf(projectId, new Date(due.getTime() - 1000)), {
    surveyId,
    email: `person${seq}@example.com`,
    ref: `order-${seq}`,
    source: 'event',
    dedupeKey: `event:order.delivered:order-${seq}-${Math.random()}`,
    scheduledFor: due,
    ...over,
  })
  if (!result.ok) throw new Error(result.reason)
  return result.id
}

/** One attempt of the handler, as the consumer makes it for a message. */
export function attemptSend(
  projectId: string,
  sendId: string,
  bindings: Env,
  opts: { now?: Date; schedule?: readonly number[] } = {},
) {
  return emailSendHandler.attempt({ kind: 'email-send', projectId, sendId }, bindings, {
    now: () => opts.now ?? new Date(),
    schedule: opts.schedule ?? WEBHOOK_RETRY_SCHEDULE_S,
    fetch: () => Promise.reject(new Error('no network')),
    timeoutMs: 1000,
    allowLocal: false,
  })
}

export const sendRow = (id: string) =>
  env.DB.prepare('SELECT * FROM email_sends WHERE id = ?').bind(id).first<EmailSendRow>()

export async function sendsOf(projectId: string) {
  const { results } = await env.DB.prepare(
    'SELECT * FROM email_sends WHERE project_id = ? ORDER BY created_at, kind',
  )
    .bind(projectId)
    .all<EmailSendRow>()
  return results
}

export async function invitationsOf(projectId: string) {
  const { results } = await env.DB.prepare(
    'SELECT id, channel, customer_id, email FROM invitations WHERE project_id = ?',
  )
    .bind(projectId)
    .all<{ id: string; channel: string; customer_id: string | null; email: string | null }>()
  return results
}

/** The survey link in a sent email's plain text (the line of score n). */
export function scoreLink(mail: SentMail, n: number) {
  const line = mail.text.split('\n').find((l) => l.startsWith(`${n}: `))
  if (!line) throw new Error(`no link for ${n}`)
  return new URL(line.slice(`${n}: `.length))
}
