// What the widget reports about a display (shown, dismissed) and the eligibility question it asks.
import { z } from 'zod'
import { IMPRESSION_TYPES, LIMITS } from './constants'
import { ClientId, CustomerId, Id, Touchpoint } from './fields'

const customerHash = z
  .string()
  .max(LIMITS.customerHash)
  .optional()
  .meta({ description: 'hex HMAC-SHA256 of customerId with the project identity secret' })

export const ImpressionInput = z
  .object({
    id: ClientId.meta({
      description: 'UUID of one display, made by the client; its shown and dismissed share it',
    }),
    surveyId: Id,
    type: z.enum(IMPRESSION_TYPES),
    touchpoint: Touchpoint.optional(),
    customerId: CustomerId.optional(),
    customerHash,
  })
  .strict()
  .meta({ id: 'ImpressionInput' })
export type ImpressionInput = z.infer<typeof ImpressionInput>

export const ImpressionAccepted = z
  .object({ id: ClientId, type: z.enum(IMPRESSION_TYPES) })
  .meta({ id: 'ImpressionAccepted' })
export type ImpressionAccepted = z.infer<typeof ImpressionAccepted>

export const EligibilityInput = z
  .object({ customerId: CustomerId, customerHash })
  .strict()
  .meta({ id: 'EligibilityInput' })
export type EligibilityInput = z.infer<typeof EligibilityInput>

export const Eligibility = z
  .object({
    eligible: z.boolean().meta({
      description:
        'Always true for an unsigned customerId: only a signed customer has a server-side ledger',
    }),
    reason: z
      .enum(['answered', 'dismissed', 'invited'])
      .optional()
      .meta({ description: 'Why not: the last contact within throttleDays (any channel)' }),
  })
  .meta({
    id: 'Eligibility',
    description: 'Never carries a date: nobody learns when a customer answered or dismissed',
  })
export type Eligibility = z.infer<typeof Eligibility>
