// GET /v1/journeys: where along the journey loyalty drops (SPEC "Insights"), and the last drop
// of an at-risk customer.
import { z } from 'zod'
import { INSIGHTS, LIMITS, POLARITIES } from './constants'
import { ClientId, Id } from './fields'
import { IsoDate, windowInOrder } from './metrics'

export const JourneysQuery = z
  .object({
    surveyId: Id.optional().meta({
      description: "Only this survey's answers; the whole project when absent",
    }),
    from: IsoDate.optional().meta({
      description: `First UTC day of answeredAt, inclusive, not after to (default: ${INSIGHTS.journeyDays - 1} days before to)`,
    }),
    to: IsoDate.optional().meta({
      description: 'Last UTC day of answeredAt, inclusive (default: today)',
    }),
  })
  .superRefine(windowInOrder)
export type JourneysQuery = z.infer<typeof JourneysQuery>

export const PolarityEnum = z.enum(POLARITIES)

const TouchpointName = z.string().max(LIMITS.touchpoint)

export const Transition = z
  .object({
    fromTouchpoint: TouchpointName,
    fromPolarity: PolarityEnum,
    toTouchpoint: TouchpointName,
    toPolarity: PolarityEnum,
    customers: z.int().meta({ description: 'Customers who made this step at least once' }),
  })
  .meta({ id: 'Transition' })

export const TouchpointDrop = z
  .object({
    touchpoint: TouchpointName,
    customers: z.int().meta({
      description: 'Customers who came to this touchpoint from another one in the window',
    }),
    dropped: z.int().meta({
      description:
        'Of those, customers whose polarity here was lower than at the touchpoint before (their latest arrival here)',
    }),
    dropRate: z.number().nullable().meta({ description: 'dropped / customers, in %, one decimal' }),
    ci95: z
      .object({ low: z.number(), high: z.number() })
      .nullable()
      .meta({ description: 'Wilson 95 % interval of dropRate, in %' }),
  })
  .meta({ id: 'TouchpointDrop' })

export const Journeys = z
  .object({
    from: z.string(),
    to: z.string(),
    surveyId: z.string().nullable(),
    customers: z
      .int()
      .meta({ description: 'Customers with answers at two or more touchpoints in the window' }),
    transitions: z.array(Transition).max(INSIGHTS.maxTransitions).meta({
      description:
        'Consecutive answers of one customer (time order) at different touchpoints; answers without a touchpoint are skipped. Most customers first, at most 500',
    }),
    touchpoints: z.array(TouchpointDrop).max(10_000).meta({ description: 'Sorted by touchpoint' }),
  })
  .meta({ id: 'Journeys' })
export type Journeys = z.infer<typeof Journeys>

export const LastDrop = z
  .object({
    fromTouchpoint: z.string().nullable(),
    fromPolarity: PolarityEnum,
    toTouchpoint: z.string().nullable(),
    toPolarity: PolarityEnum,
    at: z.string().meta({ description: 'answeredAt of the lower answer' }),
    responseId: ClientId,
  })
  .nullable()
  .meta({
    id: 'LastDrop',
    description:
      "The customer's latest step down: two consecutive answers in the window where polarity fell; null if none",
  })
export type LastDrop = z.infer<typeof LastDrop>
