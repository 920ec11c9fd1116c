// A survey link for a support tool (help desk, CRM): what it asks for and what it gets back.
import { z } from 'zod'
import { LIMITS } from './constants'
import { CustomerId, Email, Id, LocaleTag, Properties, Ref, Timestamp, Touchpoint } from './fields'

export const MAX_INVITATION_DAYS = 365

export const InvitationCreate = z
  .object({
    surveyId: Id,
    touchpoint: Touchpoint.default('support'),
    ref: Ref.meta({ description: 'Ticket (or order) id; one answer per survey, customer and ref' }),
    customerId: CustomerId.optional(),
    email: Email.optional(),
    properties: Properties.optional(),
    locale: LocaleTag.optional().meta({
      description: 'Language of the page and the email snippet',
    }),
    expiresInDays: z.int().min(1).max(MAX_INVITATION_DAYS).default(30),
    force: z.boolean().optional().meta({
      description:
        "Send even if the customer was contacted (invited, answered, dismissed) within the survey's throttleDays or the cooldown; the link still counts as a contact",
    }),
  })
  .strict()
  .meta({ id: 'InvitationCreate' })
export type InvitationCreate = z.infer<typeof InvitationCreate>

export const InvitationCreated = z
  .object({
    url: z
      .string()
      .max(LIMITS.url)
      .meta({ description: 'The hosted survey page; append ?score=N to preselect' }),
    expiresAt: Timestamp,
    emailHtml: z
      .string()
      .max(100_000)
      .meta({ description: 'Table-based snippet with one link per score' }),
    emailText: z.string().max(10_000).meta({ description: 'Plain-text alternative of emailHtml' }),
  })
  .meta({ id: 'InvitationCreated' })
export type InvitationCreated = z.infer<typeof InvitationCreated>
