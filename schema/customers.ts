// The customer view of the manager API: at-risk customers, one customer's answers, erasure.
import { z } from 'zod'
import { LIMITS } from './constants'
import { CustomerId, Email, Id } from './fields'
import { Response } from './response'

export const AtRiskQuery = z.object({
  surveyId: Id.optional().meta({
    description: 'Only answers to this survey; all surveys when absent',
  }),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .meta({ description: 'Window: the last N days' }),
  min: z.coerce.number().int().min(1).max(1000).default(2).meta({
    description: 'At least this many detractor, difficult or unsatisfied answers in the window',
  }),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
})
export type AtRiskQuery = z.infer<typeof AtRiskQuery>

export const AtRiskCustomer = z
  .object({
    customerId: z.string(),
    negative: z.int().meta({
      description: 'Detractor (NPS), difficult (CES) or unsatisfied (CSAT) answers in the window',
    }),
    total: z.int().meta({ description: 'All answers in the window' }),
    lastAnswer: Response,
  })
  .meta({ id: 'AtRiskCustomer' })
export type AtRiskCustomer = z.infer<typeof AtRiskCustomer>

export const AtRiskList = z
  .object({
    since: z.string().meta({ description: 'Start of the window (ISO timestamp)' }),
    data: z.array(AtRiskCustomer).max(LIMITS.maxPageSize),
  })
  .meta({ id: 'AtRiskList' })

export const CustomerParam = z.object({ customerId: CustomerId })

export const EraseByEmailQuery = z.object({
  email: Email.meta({
    description:
      'Erase every answer and invitation carrying this address (any case), and everything ' +
      'about the customer ids that answered or were invited with it',
  }),
})

export const CustomerAnswers = z
  .object({
    customerId: z.string(),
    data: z
      .array(Response)
      .max(LIMITS.maxPageSize)
      .meta({ description: 'Newest first, across surveys (at most 1,000)' }),
  })
  .meta({ id: 'CustomerAnswers' })

export const Erased = z
  .object({ deleted: z.int().meta({ description: 'Answers erased' }) })
  .meta({ id: 'Erased' })
