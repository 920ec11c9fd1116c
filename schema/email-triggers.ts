// What puts survey emails on the schedule (SPEC.md "Email channel"): event rules, business
// events, people and relationship programs. Sends themselves are schema/email.ts.
import { z } from 'zod'
import { SKIP_REASONS, SUPPRESSION_REASONS } from './email-sends'
import { TimeZone } from './email'
import { CustomerId, Email, Id, IsoDateTime, LocaleTag, Properties, Ref, Timestamp } from './fields'
import { SendWindow, WORKING_HOURS } from './send-window'

export const EMAIL_LIMITS = {
  rulesPerProject: 50,
  /** Rules one event may match: each is a scheduled send (≤ 3 D1 queries). */
  rulesPerEventType: 10,
  programsPerProject: 10,
  /** People in one POST /v1/people (JSON or CSV). */
  peoplePerCall: 500,
  peopleBodyBytes: 256 * 1024,
  /** Longest delay after an event: 60 days. */
  maxDelayMinutes: 60 * 24 * 60,
  maxDailyCap: 100_000,
  name: 200,
} as const

/** `order.delivered`, `ticket.solved`: letters, digits and . _ : - */
export const EventType = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an event type like order.delivered')

const ReminderAfterDays = z
  .int()
  .min(0)
  .max(30)
  .meta({ description: 'Days after the send to remind who has not answered; 0: no reminder' })

export const EmailRuleCreate = z
  .object({
    eventType: EventType,
    surveyId: Id,
    delayMinutes: z.int().min(0).max(EMAIL_LIMITS.maxDelayMinutes),
    window: SendWindow.default(WORKING_HOURS),
    reminderAfterDays: ReminderAfterDays.default(3),
  })
  .strict()
  .meta({ id: 'EmailRuleCreate' })
export type EmailRuleCreate = z.infer<typeof EmailRuleCreate>

export const EmailRulePatch = z
  .object({
    eventType: EventType,
    surveyId: Id,
    delayMinutes: z.int().min(0).max(EMAIL_LIMITS.maxDelayMinutes),
    window: SendWindow,
    reminderAfterDays: ReminderAfterDays,
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one field to change' })
  .meta({ id: 'EmailRulePatch' })
export type EmailRulePatch = z.infer<typeof EmailRulePatch>

export const EmailRule = z
  .object({
    id: Id,
    eventType: z.string(),
    surveyId: z.string(),
    delayMinutes: z.int(),
    window: SendWindow,
    reminderAfterDays: z.int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'EmailRule' })
export type EmailRule = z.infer<typeof EmailRule>
export const EmailRuleList = z.object({ data: z.array(EmailRule) }).meta({ id: 'EmailRuleList' })

export const EventCreate = z
  .object({
    type: EventType,
    customerId: CustomerId.optional(),
    email: Email,
    ref: Ref,
    occurredAt: IsoDateTime,
    locale: LocaleTag.optional(),
    /** The person's IANA time zone; else the person's stored one, else the project's. */
    timeZone: TimeZone.optional(),
    properties: Properties.optional(),
  })
  .strict()
  .meta({ id: 'EventCreate' })
export type EventCreate = z.infer<typeof EventCreate>

export const EventAccepted = z
  .object({
    scheduled: z.array(
      z.object({
        ruleId: z.string(),
        sendId: z.string(),
        scheduledFor: Timestamp,
        /** false: this (type, ref) had been scheduled by this rule already (a retried event). */
        created: z.boolean(),
      }),
    ),
    /**
     * Why nothing was scheduled: no rule for this event type, or the gate of worker/email/gate.ts
     * (the address is suppressed, the person was asked within the cooldown, or was erased).
     */
    reason: z
      .enum(['no_rule', ...SUPPRESSION_REASONS.filter((r) => r !== 'erased'), ...SKIP_REASONS])
      .optional(),
  })
  .meta({ id: 'EventAccepted' })
export type EventAccepted = z.infer<typeof EventAccepted>

export const PersonInput = z
  .object({
    email: Email,
    customerId: CustomerId.optional(),
    name: z.string().trim().min(1).max(EMAIL_LIMITS.name).optional(),
    locale: LocaleTag.optional(),
    timeZone: TimeZone.optional(),
    /** Flat properties; `value` (a number) is the customer's value for value-weighted figures. */
    properties: Properties.optional(),
  })
  .strict()
  .meta({ id: 'PersonInput' })
export type PersonInput = z.infer<typeof PersonInput>

export const PeopleCreate = z
  .union([PersonInput, z.array(PersonInput).min(1).max(EMAIL_LIMITS.peoplePerCall)])
  .meta({ id: 'PeopleCreate' })

export const PeopleStored = z
  .object({
    /** People stored or updated (the same address again updates its person). */
    stored: z.int(),
    ids: z.array(z.string()),
  })
  .meta({ id: 'PeopleStored' })

export const EVERY_DAYS = [90, 180, 365] as const
const ProgramFields = {
  surveyId: Id,
  everyDays: z.union([z.literal(90), z.literal(180), z.literal(365)]),
  dailyCap: z.int().min(1).max(EMAIL_LIMITS.maxDailyCap),
}
/** Weekday mornings: the default window of a program. */
export const WEEKDAY_MORNINGS = { ...WORKING_HOURS, to: '12:00' } as const

export const EmailProgramCreate = z
  .object({ ...ProgramFields, window: SendWindow.default(WEEKDAY_MORNINGS) })
  .strict()
  .meta({ id: 'EmailProgramCreate' })
export type EmailProgramCreate = z.infer<typeof EmailProgramCreate>

export const PROGRAM_STATES = ['active', 'paused'] as const
export const EmailProgramPatch = z
  .object({
    state: z.enum(PROGRAM_STATES),
    dailyCap: ProgramFields.dailyCap,
    window: SendWindow,
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give state, dailyCap or window' })
  .meta({ id: 'EmailProgramPatch' })
export type EmailProgramPatch = z.infer<typeof EmailProgramPatch>

export const EmailProgram = z
  .object({
    id: Id,
    surveyId: z.string(),
    everyDays: z.int(),
    dailyCap: z.int(),
    window: SendWindow,
    state: z.enum(PROGRAM_STATES),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'EmailProgram' })
export type EmailProgram = z.infer<typeof EmailProgram>
export const EmailProgramList = z
  .object({ data: z.array(EmailProgram) })
  .meta({ id: 'EmailProgramList' })
