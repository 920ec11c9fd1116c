// Every email Kundepuls sends goes through here: survey emails and reminders, teammate
// invitations, escalations and digests. Cloudflare Email Service's `send_email` binding takes the
// message as fields (no MIME to build): https://developers.cloudflare.com/email-service/
import type { Env } from '../env'

export interface MailMessage {
  to: string
  /** The sending address on a domain onboarded to Email Service, with a display name. */
  from: { email: string; name: string }
  replyTo?: string
  subject: string
  html: string
  text: string
  /** e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>
}

export type MailResult =
  { ok: true; messageId: string } | { ok: false; reason: 'no_mailer' | 'refused'; detail?: string }

/** Sends one message; a refusal is a result, not a throw, so callers decide whether to retry. */
export async function sendMail(env: Pick<Env, 'EMAIL'>, message: MailMessage): Promise<MailResult> {
  if (!env.EMAIL) return { ok: false, reason: 'no_mailer' }
  try {
    const sent = await env.EMAIL.send({
      to: message.to,
      from: message.from,
      replyTo: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    })
    return { ok: true, messageId: sent.messageId }
  } catch (err) {
    return {
      ok: false,
      reason: 'refused',
      detail: err instanceof Error ? err.message : String(err),
    }
  }
}
