// A send as the API shows it (schema/email-sends.ts), from its row and its message as sent.
import type { EmailSend, EmailSendDetail } from '../../schema/email-sends'
import type { EmailMessageRow, EmailSendRow } from '../db/types'

export function sendFromRow(r: EmailSendRow): EmailSend {
  return {
    id: r.id,
    state: r.state,
    ...(r.reason ? { reason: r.reason } : {}),
    kind: r.kind,
    source: r.source,
    email: r.email,
    surveyId: r.survey_id,
    ref: r.ref,
    scheduledFor: r.scheduled_for,
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    createdAt: r.created_at,
  }
}

export function sendDetail(r: EmailSendRow, m: EmailMessageRow | null): EmailSendDetail {
  return {
    ...sendFromRow(r),
    message: m && {
      to: m.recipient,
      subject: m.subject,
      headers: JSON.parse(m.headers),
      html: m.html,
      text: m.text,
      messageId: m.message_id,
      sentAt: m.created_at,
    },
  }
}
