import { z } from 'zod'
import {
  ALL_CATEGORIES,
  CHANNELS,
  FOLLOW_UPS,
  LIMITS,
  LINK_CHANNELS,
  POLARITIES,
  SURVEY_KINDS,
} from './constants'
import {
  ClientId,
  CustomerId,
  EditToken,
  Email,
  Id,
  IsoDateTime,
  LocaleTag,
  Properties,
  Reason,
  Ref,
  Timestamp,
  Touchpoint,
} from './fields'
import { IsoDate } from './metrics'

/** The answer fields every channel shares (widget, link, API, import). */
export const answerFields = {
  id: ClientId,
  surveyId: Id,
  score: z
    .int()
    .meta({ description: 'NPS 0–10, CES 1–7, CSAT 1–5 (checked against the survey kind)' }),
  reason: Reason.optional(),
  touchpoint: Touchpoint.optional(),
  ref: Ref.optional(),
  customerId: CustomerId.optional(),
  customerHash: z
    .string()
    .max(LIMITS.customerHash)
    .optional()
    .meta({ description: 'hex HMAC-SHA256 of customerId with the project identity secret' }),
  email: Email.optional(),
  properties: Properties.optional(),
  locale: LocaleTag.optional(),
  pageUrl: z
    .string()
    .max(LIMITS.pageUrl)
    .optional()
    .meta({ description: 'Stored as its path only' }),
  contactConsent: z.boolean().optional(),
}

export const PublicResponseInput = z
  .object({
    ...answerFields,
    editToken: EditToken.optional().meta({
      description:
        'A secret made by the client (the widget always sends one); needed to amend the answer. If absent, the server makes one and returns it once',
    }),
  })
  .strict()
  .meta({ id: 'PublicResponseInput' })
export type PublicResponseInput = z.infer<typeof PublicResponseInput>

export const CategoryEnum = z.enum(ALL_CATEGORIES)

export const ResponseAccepted = z
  .object({
    id: ClientId,
    category: CategoryEnum,
    editToken: EditToken.optional().meta({
      description:
        'Only when the server made the token (the request had none): shown once, keep it to amend the answer',
    }),
  })
  .meta({ id: 'ResponseAccepted' })
export type ResponseAccepted = z.infer<typeof ResponseAccepted>

export const PublicResponsePatch = z
  .object({
    editToken: EditToken.meta({
      description:
        'The edit token of the answer (sent with it, or returned by its POST). Missing or wrong → 403 edit_token_invalid',
    }),
    score: z.int().optional().meta({
      description:
        'A changed score, checked against the survey kind; the category and every figure follow',
    }),
    reason: Reason.optional(),
    contactConsent: z.boolean().optional(),
    email: Email.optional().meta({
      description:
        'How to reach the author, given with contactConsent: true (an anonymous answer has none)',
    }),
  })
  .strict()
  .refine(
    (o) => o.score !== undefined || o.reason !== undefined || o.contactConsent !== undefined,
    {
      message: 'give score, reason or contactConsent',
    },
  )
  .refine((o) => o.email === undefined || o.contactConsent === true, {
    message: 'email is given with contactConsent: true',
    path: ['email'],
  })
  .meta({ id: 'PublicResponsePatch' })
export type PublicResponsePatch = z.infer<typeof PublicResponsePatch>

export const FollowUp = z.enum(FOLLOW_UPS)

export const Response = z
  .object({
    id: ClientId,
    surveyId: Id,
    kind: z.enum(SURVEY_KINDS),
    score: z.int(),
    category: CategoryEnum,
    reason: z.string().nullable(),
    touchpoint: z.string().nullable(),
    ref: z.string().nullable(),
    customerId: z.string().nullable(),
    email: z.string().nullable(),
    properties: Properties,
    locale: z.string().nullable(),
    pagePath: z.string().nullable(),
    channel: z.enum(CHANNELS),
    linkChannel: z.enum(LINK_CHANNELS).nullable().meta({
      description:
        "A link answer's carrier: link (a link you sent yourself), email (Kundepuls's survey email) or helpdesk (a help-desk connector); null for other channels",
    }),
    contactConsent: z.boolean(),
    followUp: FollowUp.nullable(),
    note: z.string().nullable(),
    test: z.boolean(),
    createdAt: Timestamp,
    answeredAt: Timestamp.meta({
      description: 'When the current score was given (a later answer for the same ref moves it)',
    }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Response' })
export type Response = z.infer<typeof Response>

/** The follow-up filter of a list: a stored state, or `pending` (not closed: open or never set). */
export const FOLLOW_UP_FILTERS = [...FOLLOW_UPS, 'pending'] as const

export const ResponseListQuery = z.object({
  surveyId: Id.optional().meta({
    description: "One survey's answers; without it, the answers of every survey of the project",
  }),
  from: IsoDate.optional().meta({ description: 'First UTC day of answeredAt, inclusive' }),
  to: IsoDate.optional().meta({ description: 'Last UTC day of answeredAt, inclusive' }),
  touchpoint: Touchpoint.optional(),
  category: CategoryEnum.optional(),
  customerId: CustomerId.optional(),
  polarity: z.enum(POLARITIES).optional().meta({
    description:
      'negative: detractor, difficult, unsatisfied; neutral: passive, neutral; positive: promoter, easy, satisfied',
  }),
  followUp: z.enum(FOLLOW_UP_FILTERS).optional().meta({
    description:
      '`open` or `closed` as stored; `pending`: not closed (open or never set), what the follow-up inbox lists with `polarity=negative`',
  }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
})
export type ResponseListQuery = z.infer<typeof ResponseListQuery>

export const ResponseList = z
  .object({ data: z.array(Response).max(LIMITS.maxPageSize), nextCursor: z.string().nullable() })
  .meta({ id: 'ResponseList' })
export type ResponseList = z.infer<typeof ResponseList>

/** The manager's side of an answer: the closed loop on detractors, and test answers. */
export const ResponseManagerPatch = z
  .object({
    followUp: FollowUp.nullable(),
    note: z.string().max(LIMITS.note).nullable(),
    test: z.boolean().meta({ description: 'A test answer is left out of every figure' }),
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give followUp, note or test' })
  .meta({ id: 'ResponseManagerPatch' })
export type ResponseManagerPatch = z.infer<typeof ResponseManagerPatch>

export const IMPORT_LIMITS = {
  rows: 1000,
  /** 1,000 answers with long reasons and properties; the default 16 KB body limit is for one answer. */
  bodyBytes: 8 * 1024 * 1024,
} as const

export const ImportRow = z
  .object(answerFields)
  .extend({
    createdAt: IsoDateTime.meta({
      description: 'When the answer was given in the other tool; not in the future',
    }),
  })
  .strict()
  .meta({ id: 'ImportRow' })
export type ImportRow = z.infer<typeof ImportRow>

export const ImportInput = z
  .object({ responses: z.array(ImportRow).min(1).max(IMPORT_LIMITS.rows) })
  .strict()
  .meta({ id: 'ImportInput' })
export type ImportInput = z.infer<typeof ImportInput>

export const ImportResult = z
  .object({
    imported: z.int().meta({
      description:
        'Rows written: new answers, or later answers replacing one for the same customer and ref',
    }),
    duplicates: z.int().meta({
      description: 'Rows already stored (same id), or older than the stored answer for their ref',
    }),
  })
  .meta({ id: 'ImportResult' })
export type ImportResult = z.infer<typeof ImportResult>
