import { z } from 'zod'
import { ALL_CATEGORIES, CHANNELS, LIMITS, SURVEY_KINDS } from './constants'
import {
  ClientId,
  CustomerId,
  Email,
  Id,
  LocaleTag,
  Properties,
  Reason,
  Ref,
  Timestamp,
  Touchpoint,
} from './fields'

/** The answer fields every channel shares (widget, link, API, import). */
export const answerFields = {
  id: ClientId,
  surveyId: Id,
  score: z.int().meta({ description: 'NPS 0–10, CES 1–7, CSAT 1–5 (checked against the survey kind)' }),
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
  pageUrl: z.string().max(LIMITS.pageUrl).optional().meta({ description: 'Stored as its path only' }),
  contactConsent: z.boolean().optional(),
}

export const PublicResponseInput = z.object(answerFields).strict().meta({ id: 'PublicResponseInput' })
export type PublicResponseInput = z.infer<typeof PublicResponseInput>

export const Category = z.enum(ALL_CATEGORIES)

export const ResponseAccepted = z
  .object({ id: ClientId, category: Category })
  .meta({ id: 'ResponseAccepted' })
export type ResponseAccepted = z.infer<typeof ResponseAccepted>

export const PublicResponsePatch = z
  .object({ reason: Reason, contactConsent: z.boolean() })
  .partial()
  .strict()
  .refine((o) => o.reason !== undefined || o.contactConsent !== undefined, {
    message: 'give reason or contactConsent',
  })
  .meta({ id: 'PublicResponsePatch' })
export type PublicResponsePatch = z.infer<typeof PublicResponsePatch>

export const FollowUp = z.enum(['open', 'closed'])

export const Response = z
  .object({
    id: ClientId,
    surveyId: Id,
    kind: z.enum(SURVEY_KINDS),
    score: z.int(),
    category: Category,
    reason: z.string().nullable(),
    touchpoint: z.string().nullable(),
    ref: z.string().nullable(),
    customerId: z.string().nullable(),
    email: z.string().nullable(),
    properties: Properties,
    locale: z.string().nullable(),
    pagePath: z.string().nullable(),
    channel: z.enum(CHANNELS),
    contactConsent: z.boolean(),
    followUp: FollowUp.nullable(),
    note: z.string().nullable(),
    test: z.boolean(),
    createdAt: Timestamp,
    answeredAt: Timestamp.meta({ description: 'When the current score was given (a later answer for the same ref moves it)' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Response' })
export type Response = z.infer<typeof Response>

export const ResponseListQuery = z.object({
  surveyId: Id,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
})
export type ResponseListQuery = z.infer<typeof ResponseListQuery>

export const ResponseList = z
  .object({ data: z.array(Response).max(LIMITS.maxPageSize), nextCursor: z.string().nullable() })
  .meta({ id: 'ResponseList' })
export type ResponseList = z.infer<typeof ResponseList>
