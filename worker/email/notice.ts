// Kundepuls's own notices to people (escalations, the weekly digest, password resets, invitations
// to a project): a few paragraphs and one link, as text and the same text in HTML, through the one
// mailer, from one sender. Survey emails have their own template (worker/email/template.ts).
import type { Env } from '../env'
import { escapeHtml } from '../lib/html'
import { sendMail } from './mailer'
import { publicOrigin } from './send'

/** A link into the dashboard: absolute when the deployment knows its origin (PUBLIC_URL). */
export const appLink = (env: Pick<Env, 'PUBLIC_URL'>, path: string) =>
  `${publicOrigin(env) ?? ''}${path}`

/** The sender of notices: EMAIL_FROM (a domain onboarded to Email Service). */
export const noticeSender = (env: Pick<Env, 'EMAIL_FROM'>) => ({
  email: env.EMAIL_FROM ?? 'no-reply@kundepuls.dev',
  name: 'Kundepuls',
})

export interface Notice {
  subject: string
  paragraphs: string[]
  link: { href: string; text: string }
}

/** Sends a notice; the HTML is the text, escaped, with the link as a link. */
export function sendNotice(env: Pick<Env, 'EMAIL' | 'EMAIL_FROM'>, to: string, notice: Notice) {
  const text = [...notice.paragraphs, `${notice.link.text}: ${notice.link.href}`].join('\n\n')
  const html =
    notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p><a href="${escapeHtml(notice.link.href)}">${escapeHtml(notice.link.text)}</a></p>`
  return sendMail(env, { to, from: noticeSender(env), subject: notice.subject, text, html })
}
