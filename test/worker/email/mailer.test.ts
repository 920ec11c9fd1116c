import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sendMail, type MailMessage } from '../../../worker/email/mailer'

const message: MailMessage = {
  to: 'ann@example.com',
  from: { email: 'surveys@kundepuls.example', name: 'Acme' },
  subject: 'How did we do?',
  html: '<p>Hi</p>',
  text: 'Hi',
  headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
}

describe('sendMail', () => {
  it('hands the message to the local Email Service simulation and answers its message id', async () => {
    const result = await sendMail(env, message)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.messageId.length).toBeGreaterThan(0)
  })

  it('says there is no mailer when the binding is absent, instead of throwing', async () => {
    expect(await sendMail({}, message)).toEqual({ ok: false, reason: 'no_mailer' })
  })
})
