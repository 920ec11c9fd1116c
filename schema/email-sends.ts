// The email channel from a scheduled send onwards (SPEC.md "Email channel"): why a send ended
// without mail, the sends as the API lists them, the suppression list and the email's preview.
import { z } from 'zod'
import { LOCALES } from './constants'
import { Email, Id, LocaleTag, Timestamp } from './fields'
import { SEND_KINDS, SEND_SOURCES, SendState } from './email'

/** Why an address is never mailed (the suppressions table); 'erased' is set by erasure only. */
export const SUPPRESSION_REASONS = [
  'unsubscribed',
  'bounced',
  'complained',
  'imported',
  'erased',
] as const
export const SuppressionReason = z.enum(SUPPRESSION_REASONS)
export type SuppressionReason = z.infer<typeof SuppressionReason>
/** What a caller of POST /v1/suppressions may say. */
export const SuppressionInputReason = z.enum(['unsubscribed', 'bounced', 'complained', 'imported'])

/**
 * The reason beside a send's end state. suppressed: a suppression reason; skipped: asked within
 * the cooldown, erased, or the survey deleted; cancelled: answered (a reminder), or unsubscribed
 * after it was scheduled; failed: the mailer refused it after its retries, or none is configured.
 */
export const SKIP_REASONS = ['cooldown', 'erased', 'survey_deleted'] as const
export const CANCEL_REASONS = ['answered', 'unsubscribed'] as const
export const FAIL_REASONS = ['mailer_refused', 'no_mailer', 'no_public_url'] as const
export type SkipReason = (typeof SKIP_REASONS)[number]
export type FailReason = (typeof FAIL_REASONS)[number]

/** What stops a send now: null, or the end state and its reason (worker/email/gate.ts). */
export type SendBlock =
  | { state: 'suppressed'; reason: Exclude<SuppressionReason, 'erased'> }
  | { state: 'skipped'; reason: SkipReason }
  | { state: 'cancelled'; reason: (typeof CANCEL_REASONS)[number] }

export const EMAIL_SENDS_PAGE = { size: 50, max: 200 } as const

export const EmailSendListQuery = z.object({
  state: SendState.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(EMAIL_SENDS_PAGE.max).default(EMAIL_SENDS_PAGE.size),
})
export type EmailSendListQuery = z.infer<typeof EmailSendListQuery>

export const EmailSend = z
  .object({
    id: Id,
    state: SendState,
    reason: z.string().max(40).optional(),
    kind: z.enum(SEND_KINDS),
    source: z.enum(SEND_SOURCES),
    /** Empty after erasure. */
    email: z.string().max(320),
    surveyId: Id,
    ref: z.string().nullable(),
    scheduledFor: Timestamp,
    sentAt: Timestamp.optional(),
    createdAt: Timestamp,
  })
  .meta({ id: 'EmailSend' })
export type EmailSend = z.infer<typeof EmailSend>

export const EmailSendList = z
  .object({ data: z.array(EmailSend).max(EMAIL_SENDS_PAGE.max), nextCursor: z.string().nullable() })
  .meta({ id: 'EmailSendList' })
export type EmailSendList = z.infer<typeof EmailSendList>

/** The message as it was handed to the mailer. */
export const SentMessage = z
  .object({
    to: z.string().max(320),
    subject: z.string().max(400),
    headers: z.record(z.string().max(100), z.string().max(2000)),
    html: z.string(),
    text: z.string(),
    messageId: z.string().max(400),
    sentAt: Timestamp,
  })
  .meta({ id: 'SentMessage' })
export type SentMessage = z.infer<typeof SentMessage>

export const EmailSendDetail = EmailSend.extend({ message: SentMessage.nullable() }).meta({
  id: 'EmailSendDetail',
})
export type EmailSendDetail = z.infer<typeof EmailSendDetail>

/** A POST's addresses: 200 typical addresses fit the 16 KB body limit (worker/middleware/body-limit.ts). */
export const SUPPRESSIONS_PAGE = { size: 50, max: 200, addresses: 200 } as const

export const SuppressionCreate = z
  .object({
    addresses: z.array(Email).min(1).max(SUPPRESSIONS_PAGE.addresses),
    reason: SuppressionInputReason.default('imported'),
  })
  .strict()
  .meta({ id: 'SuppressionCreate' })
export type SuppressionCreate = z.infer<typeof SuppressionCreate>

export const Suppression = z
  .object({
    emailHash: z.string().max(64).meta({
      description: 'HMAC-SHA-256 of the normalised address under the project’s link secret',
    }),
    reason: SuppressionReason,
    createdAt: Timestamp,
  })
  .meta({ id: 'Suppression' })
export type Suppression = z.infer<typeof Suppression>

export const SuppressionList = z
  .object({
    data: z.array(Suppression).max(SUPPRESSIONS_PAGE.max),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SuppressionList' })
export type SuppressionList = z.infer<typeof SuppressionList>

export const SuppressionListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(SUPPRESSIONS_PAGE.max).default(SUPPRESSIONS_PAGE.size),
})

export const SuppressionCreated = z
  .object({ added: z.int(), cancelledSends: z.int() })
  .meta({ id: 'SuppressionCreated' })

export const EmailPreviewQuery = z.object({
  surveyId: Id,
  locale: LocaleTag.optional(),
  kind: z.enum(SEND_KINDS).default('survey'),
})

export const EmailPreview = z
  .object({
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    locale: z.enum(LOCALES),
  })
  .meta({ id: 'EmailPreview' })
export type EmailPreview = z.infer<typeof EmailPreview>
