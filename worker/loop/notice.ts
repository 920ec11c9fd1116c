// Kundepuls's own notices to the team (escalations, the weekly digest) through the one mailer.
import type { Env } from '../env'
import { sendMail } from '../email/mailer'
import { publicOrigin } from '../email/send'

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A link into the dashboard: absolute when the deployment knows its origin (PUBLIC_URL). */
export const appLink = (env: Pick<Env, 'PUBLIC_URL'>, path: string) =>
  `${publicOrigin(env) ?? ''}${path}`

/** Sends a plain notice: a few paragraphs and one link; the HTML is the same text, escaped. */
export function sendNotice(
  env: Env,
  to: string,
  notice: { subject: string; paragraphs: string[]; link: { href: string; text: string } },
) {
  const text = [...notice.paragraphs, `${notice.link.text}: ${notice.link.href}`].join('\n\n')
  const html =
    notice.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('') +
    `<p><a href="${escape(notice.link.href)}">${escape(notice.link.text)}</a></p>`
  return sendMail(env, {
    to,
    from: { email: env.EMAIL_FROM ?? 'kundepuls@localhost', name: 'Kundepuls' },
    subject: notice.subject,
    text,
    html,
  })
}
