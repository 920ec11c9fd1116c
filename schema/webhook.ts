// Webhook endpoints, their delivery log and the event body they receive (docs/webhooks.md).
import { z } from 'zod'
import {
  DELIVERY_STATUSES,
  LIMITS,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  WEBHOOK_LIMITS,
  WEBHOOK_TEST_EVENT,
} from './constants'
import { Id, Timestamp, Touchpoint } from './fields'
import { CategoryEnum, Response } from './response'

export const WebhookEventType = z.enum(WEBHOOK_EVENTS)

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(WEBHOOK_LIMITS.filterItems)

export const WebhookFilter = z
  .object({
    categories: list(CategoryEnum).meta({ description: 'e.g. ["detractor", "difficult"]' }),
    touchpoints: list(Touchpoint),
    surveyIds: list(Id),
  })
  .partial()
  .strict()
  .meta({
    id: 'WebhookFilter',
    description: 'Every given condition must hold (AND); an absent one matches anything',
  })
export type WebhookFilter = z.infer<typeof WebhookFilter>

const Url = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.url)
  .meta({ description: 'https:// only; for "slack", the incoming-webhook URL' })
const Events = z.array(WebhookEventType).min(1).max(WEBHOOK_EVENTS.length)
const Description = z.string().trim().max(WEBHOOK_LIMITS.description)

export const WebhookCreate = z
  .object({
    url: Url,
    events: Events,
    filter: WebhookFilter.optional(),
    format: z.enum(WEBHOOK_FORMATS).default('standard'),
    description: Description.optional(),
  })
  .strict()
  .meta({ id: 'WebhookCreate' })
export type WebhookCreate = z.infer<typeof WebhookCreate>

export const WebhookPatch = z
  .object({
    url: Url,
    events: Events,
    filter: WebhookFilter.nullable(),
    description: Description.nullable(),
    enabled: z.boolean().meta({
      description: 'true re-enables a disabled endpoint; false pauses it (no events are kept)',
    }),
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one field' })
  .meta({ id: 'WebhookPatch' })
export type WebhookPatch = z.infer<typeof WebhookPatch>

export const Webhook = z
  .object({
    id: Id,
    url: z.string().meta({ description: 'Slack URLs are secrets and shown masked' }),
    format: z.enum(WEBHOOK_FORMATS),
    events: z.array(WebhookEventType),
    filter: WebhookFilter,
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    disabledAt: Timestamp.nullable(),
    previousSecretExpiresAt: Timestamp.nullable().meta({
      description: 'After a rotation, the old secret also signs until then',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' })
export type Webhook = z.infer<typeof Webhook>

export const WebhookWithSecret = Webhook.extend({
  secret: z.string().optional().meta({
    description: 'whsec_… signing secret of a "standard" endpoint, shown only in this answer',
  }),
}).meta({ id: 'WebhookWithSecret' })
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>

export const WebhookList = z
  .object({ data: z.array(Webhook).max(WEBHOOK_LIMITS.endpointsPerProject) })
  .meta({ id: 'WebhookList' })

export const Delivery = z
  .object({
    id: z.string().meta({ description: 'The webhook-id header of every attempt of this event' }),
    event: z.union([WebhookEventType, z.literal(WEBHOOK_TEST_EVENT)]),
    responseId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'WebhookDelivery' })
export type Delivery = z.infer<typeof Delivery>

export const DeliveryListQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(WEBHOOK_LIMITS.maxPageSize)
    .default(WEBHOOK_LIMITS.pageSize),
})

export const DeliveryList = z
  .object({
    data: z.array(Delivery).max(WEBHOOK_LIMITS.maxPageSize),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'WebhookDeliveryList' })

export const WebhookTestResult = z
  .object({
    delivered: z.boolean(),
    statusCode: z.int().nullable(),
    error: z.string().nullable(),
    delivery: Delivery,
  })
  .meta({ id: 'WebhookTestResult' })

/** `data` of a response event: the answer as GET /v1/responses shows it, plus the survey's name. */
export const WebhookResponseData = Response.extend({ surveyName: z.string() })
export type WebhookResponseData = z.infer<typeof WebhookResponseData>

/** The body of a "standard" delivery (Standard Webhooks: type, timestamp, data). */
export const WebhookEventBody = z
  .object({
    type: z.union([WebhookEventType, z.literal(WEBHOOK_TEST_EVENT)]),
    timestamp: Timestamp.meta({ description: 'When the event happened' }),
    data: z.union([WebhookResponseData, z.object({ webhookId: z.string(), message: z.string() })]),
  })
  .meta({ id: 'WebhookEventBody' })
export type WebhookEventBody = z.infer<typeof WebhookEventBody>
