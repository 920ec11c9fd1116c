// The email channel's shared vocabulary (SPEC.md "Email channel"): what schedules a send, the
// states a send goes through, and the one input every scheduler hands to `scheduleSend`.
import { z } from 'zod'
import { SEND_STATES } from './constants'
import { CustomerId, Email, LocaleTag, Ref } from './fields'

/** What asked for the send: a business event's rule, a relationship program, a closed-loop re-ask. */
export const SEND_SOURCES = ['event', 'program', 'reask'] as const
export const SendSource = z.enum(SEND_SOURCES)
export type SendSource = z.infer<typeof SendSource>

/** A first ask, or its one reminder (never a second: the unique key below). */
export const SEND_KINDS = ['survey', 'reminder'] as const
export type SendKind = (typeof SEND_KINDS)[number]

/**
 * scheduled → sent → answered, or one of the ends that send nothing, each with a reason:
 * suppressed (unsubscribed, bounced, complained, imported), skipped (asked within the cooldown,
 * erased, survey closed), cancelled (answered elsewhere, program paused), failed (the mailer
 * refused it after its retries).
 */
export { SEND_STATES }
export const SendState = z.enum(SEND_STATES)
export type SendState = z.infer<typeof SendState>

/** An IANA time zone name the runtime knows (Europe/Copenhagen), not an offset or abbreviation. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)
    } catch {
      return false
    }
  }, 'must be an IANA time zone such as Europe/Copenhagen')

/** One send to schedule. `dedupeKey` makes it exactly once: the same key twice is one send. */
export const ScheduleSendInput = z.object({
  surveyId: z.string().min(1).max(64),
  email: Email,
  customerId: CustomerId.optional(),
  ref: Ref.optional(),
  /** A BCP 47 tag; the email's language resolves from it, else the survey's default. */
  locale: LocaleTag.optional(),
  timeZone: TimeZone.optional(),
  source: SendSource,
  /** e.g. `event:order.delivered:<ref>`, `program:<id>:<person>:<cycle>`, `reask:<answer id>`. */
  dedupeKey: z.string().min(1).max(300),
  scheduledFor: z.date(),
  /** Days after the send to remind who has not answered (one reminder at most); 0: none. */
  reminderAfterDays: z.number().int().min(0).max(30).default(3),
})
export type ScheduleSendInput = z.infer<typeof ScheduleSendInput>
/** What a scheduler hands over: the input before defaults (reminderAfterDays may be left out). */
export type ScheduleSendRequest = z.input<typeof ScheduleSendInput>
