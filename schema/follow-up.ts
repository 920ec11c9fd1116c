// The closed loop (SPEC.md "Closed loop"): every negative answer gets a follow-up with an owner,
// a deadline and a state; the rules that assign them; the figures that prove nobody was ignored.
//
// "Did we fix it?": the re-ask is an email send (schema/email.ts, source 'reask', dedupeKey
// `reask:<answer id>`) whose `ref` is the FIRST answer's id, so the answer it brings carries
// that ref and 0016_loop.sql links it back; it counts as recovered when its polarity is higher
// than the first answer's (a detractor who now answers passive or promoter).
import { z } from 'zod'
import { LIMITS } from './constants'
import { ClientId, Id, IsoDateTime, PropertyKey, Timestamp, Touchpoint } from './fields'
import { TimeZone } from './email'
import { Response } from './response'

export const FOLLOW_UP_STATES = ['open', 'contacted', 'resolved', 'unreachable'] as const
export const FollowUpStateEnum = z.enum(FOLLOW_UP_STATES)
export type FollowUpStep = z.infer<typeof FollowUpStateEnum>

export const CONTACT_VIAS = ['call', 'email', 'ticket'] as const
export const ContactVia = z.enum(CONTACT_VIAS)
export type ContactVia = z.infer<typeof ContactVia>

/** The legacy summary (responses.follow_up) a state maps to: an ended follow-up is closed. */
export const legacyFollowUp = (state: FollowUpStep) =>
  state === 'resolved' || state === 'unreachable' ? 'closed' : 'open'

/** The moves a follow-up may make: open → contacted → resolved | unreachable (and reopening). */
export const NEXT_STATES: Record<FollowUpStep, readonly FollowUpStep[]> = {
  open: ['contacted', 'resolved', 'unreachable'],
  contacted: ['resolved', 'unreachable', 'open'],
  resolved: ['open'],
  unreachable: ['open', 'contacted'],
}

export const LOOP_DEFAULTS = {
  dueHours: 48,
  /** Hours after the deadline before the admins hear of a follow-up still open (step 2). */
  adminAfterHours: 24,
} as const

const UserId = z.string().min(1).max(64)
const Hour = z.int().min(0).max(24)

export const BusinessHours = z
  .object({
    timeZone: TimeZone,
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: z.array(z.int().min(1).max(7)).min(1).max(7),
    start: Hour,
    end: Hour,
  })
  .strict()
  .refine((b) => b.start < b.end, { message: 'start must be before end', path: ['end'] })
  .meta({
    id: 'BusinessHours',
    description: 'The deadline clock runs only in these hours, local to timeZone',
  })
export type BusinessHours = z.infer<typeof BusinessHours>

export const FollowUpSettings = z
  .object({
    dueHours: z.int().min(1).max(720).default(LOOP_DEFAULTS.dueHours).meta({
      description: 'Hours from the answer to the deadline (business hours when those are set)',
    }),
    businessHours: BusinessHours.nullable().default(null),
    assign: z
      .object({
        /** The help-desk agent of the ticket the answer came from, when a member by email. */
        helpdeskAgent: z.boolean().default(true).meta({
          description:
            "The ticket's agent when the answer's `agentEmail` property names a member (help-desk answers)",
        }),
        byTouchpoint: z.record(Touchpoint, UserId).default({}),
        bySegment: z
          .object({ property: PropertyKey, values: z.record(z.string().max(200), UserId) })
          .nullable()
          .default(null),
        roundRobin: z.boolean().default(true).meta({
          description:
            'Otherwise: the member (role member, admin or owner) assigned least recently',
        }),
      })
      .strict()
      .prefault({}),
    escalate: z
      .object({
        email: z.boolean().default(true),
        adminAfterHours: z.int().min(1).max(720).default(LOOP_DEFAULTS.adminAfterHours),
      })
      .strict()
      .prefault({}),
    reaskAfterDays: z.int().min(1).max(90).nullable().default(null).meta({
      description: '"Did we fix it?": days after resolved to ask again by email; null: never',
    }),
  })
  .strict()
  .meta({ id: 'FollowUpSettings' })
export type FollowUpSettings = z.infer<typeof FollowUpSettings>
export type FollowUpSettingsInput = z.input<typeof FollowUpSettings>

export const FollowUpSettingsQuery = z.object({
  surveyId: Id.optional().meta({ description: "A survey's override; without it the project's" }),
})

export const FollowUp = z
  .object({
    responseId: ClientId,
    surveyId: Id,
    state: FollowUpStateEnum,
    via: ContactVia.nullable(),
    ownerId: z.string().nullable(),
    dueAt: Timestamp,
    overdue: z.boolean().meta({ description: 'Still open after its deadline' }),
    contactedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    reaskSendId: z.string().nullable(),
    reaskResponseId: z.string().nullable(),
    recovered: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'FollowUp' })
export type FollowUp = z.infer<typeof FollowUp>

export const FollowUpEvent = z
  .object({
    at: Timestamp,
    actor: z.string().meta({ description: 'user:usr_…, key:full, session:full or system:…' }),
    change: z.enum(['state', 'owner', 'note', 'escalated', 'reask']),
    state: FollowUpStateEnum.nullable(),
    via: ContactVia.nullable(),
    ownerId: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'FollowUpEvent' })
export type FollowUpEvent = z.infer<typeof FollowUpEvent>

export const FollowUpDetail = FollowUp.extend({ history: z.array(FollowUpEvent) }).meta({
  id: 'FollowUpDetail',
})

export const FollowUpPatch = z
  .object({
    state: FollowUpStateEnum,
    via: ContactVia.meta({ description: 'How the customer was reached; required for contacted' }),
    ownerId: UserId.nullable().meta({ description: 'A member of the project; null: unassigned' }),
    note: z.string().max(LIMITS.note).nullable(),
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give state, via, ownerId or note' })
  .refine((o) => o.state !== 'contacted' || o.via !== undefined, {
    message: 'contacted needs via (call, email or ticket)',
    path: ['via'],
  })
  .meta({ id: 'FollowUpPatch' })
export type FollowUpPatch = z.infer<typeof FollowUpPatch>

export const FollowUpListQuery = z.object({
  owner: z
    .union([z.literal('me'), z.literal('none'), UserId])
    .optional()
    .meta({ description: '`me` (a signed-in user), `none` (unassigned) or a user id' }),
  state: FollowUpStateEnum.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: open past the deadline' }),
  surveyId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
})
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>

export const FollowUpItem = FollowUp.extend({ response: Response }).meta({ id: 'FollowUpItem' })
export type FollowUpItem = z.infer<typeof FollowUpItem>

export const FollowUpList = z
  .object({
    data: z.array(FollowUpItem).max(LIMITS.maxPageSize),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'FollowUpList' })

export const FollowUpStatsQuery = z.object({
  from: IsoDateTime.optional().meta({ description: 'Answers from this instant (inclusive)' }),
  to: IsoDateTime.optional().meta({ description: 'Answers before this instant' }),
  surveyId: Id.optional(),
})
export type FollowUpStatsQuery = z.infer<typeof FollowUpStatsQuery>

const Interval = z.object({ low: z.number(), high: z.number() }).nullable()

export const LoopFigures = z
  .object({
    negative: z.int().meta({ description: 'Negative answers with a follow-up' }),
    contactedInTime: z.int().meta({ description: 'First contact (or resolution) by the deadline' }),
    contactedInTimeShare: z.number().nullable().meta({ description: 'Percent, one decimal' }),
    medianHoursToContact: z.number().nullable(),
    reasked: z.int().meta({ description: 'Re-asks answered' }),
    recovered: z.int(),
    recoveryRate: z
      .number()
      .nullable()
      .meta({ description: 'Percent of answered re-asks that were better, one decimal' }),
    ci95: Interval.meta({ description: 'Wilson 95 % interval of recoveryRate, in percent' }),
  })
  .meta({ id: 'LoopFigures' })
export type LoopFigures = z.infer<typeof LoopFigures>

export const FollowUpStats = z
  .object({
    project: LoopFigures,
    surveys: z.array(LoopFigures.extend({ surveyId: z.string() })),
    owners: z.array(
      LoopFigures.extend({ ownerId: z.string().nullable().meta({ description: 'null: nobody' }) }),
    ),
  })
  .meta({ id: 'FollowUpStats' })
export type FollowUpStats = z.infer<typeof FollowUpStats>

export const DigestSubscription = z
  .object({
    userId: UserId.optional().meta({
      description:
        'An admin or owner of the project; a person signed in as themselves may leave it out',
    }),
    subscribed: z.boolean(),
  })
  .strict()
  .meta({ id: 'DigestSubscription' })
export type DigestSubscription = z.infer<typeof DigestSubscription>
