// Help-desk connections (Zendesk, Freshdesk, Help Scout), their setup and their events log.
import { z } from 'zod'
import {
  CONNECTION_KINDS,
  HELPDESK_LIMITS,
  HELPDESK_OUTCOMES,
  HELPDESK_REASONS,
  LIMITS,
} from './constants'
import { Email, Id, Timestamp } from './fields'

const Secret = z.string().trim().min(1).max(HELPDESK_LIMITS.secret)
const Tag = z.string().trim().min(1).max(HELPDESK_LIMITS.tag)

const SkipTags = z.array(Tag).max(HELPDESK_LIMITS.skipTags).meta({
  description: 'Tickets carrying any of these tags get no survey',
})
const DelayMinutes = z.int().min(0).max(HELPDESK_LIMITS.maxDelayMinutes).meta({
  description:
    'Wait this long after "solved"; a ticket re-opened meanwhile gets no survey (0: at once)',
})

export const ConnectionRules = z
  .object({
    skipTags: SkipTags.default(['no_survey']),
    delayMinutes: DelayMinutes.default(60),
  })
  .strict()
  .meta({
    id: 'ConnectionRules',
    description:
      'Always applied as well: once per ticket; no survey when the requester is an agent or has no email, for merged, spam or deleted tickets, or for a customer contacted within the survey throttleDays',
  })
export type ConnectionRules = z.infer<typeof ConnectionRules>

export const ZendeskCredentials = z
  .object({ email: Email, apiToken: Secret })
  .strict()
  .meta({ description: 'An agent email and an API token: Basic {email}/token:{apiToken}' })
export const FreshdeskCredentials = z
  .object({ apiKey: Secret })
  .strict()
  .meta({ description: "An agent's API key: Basic {apiKey}:X" })
export const HelpScoutCredentials = z
  .object({ appId: Secret, appSecret: Secret })
  .strict()
  .meta({ description: 'App ID and App Secret of a Help Scout "My App" (client credentials)' })
export type ZendeskCredentials = z.infer<typeof ZendeskCredentials>
export type FreshdeskCredentials = z.infer<typeof FreshdeskCredentials>
export type HelpScoutCredentials = z.infer<typeof HelpScoutCredentials>

const BaseUrl = z.string().trim().min(1).max(LIMITS.url).meta({
  description:
    'https://acme.zendesk.com, https://acme.freshdesk.com or https://api.helpscout.net (https only)',
})

const common = {
  surveyId: Id,
  baseUrl: BaseUrl,
  rules: ConnectionRules.optional(),
}

export const ConnectionCreate = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('zendesk'),
        ...common,
        credentials: ZendeskCredentials,
        signingSecret: Secret.optional().meta({
          description:
            "The Zendesk webhook's signing secret (its page in Admin Center); may be set later with PATCH",
        }),
      })
      .strict(),
    z
      .object({ kind: z.literal('freshdesk'), ...common, credentials: FreshdeskCredentials })
      .strict(),
    z
      .object({ kind: z.literal('helpscout'), ...common, credentials: HelpScoutCredentials })
      .strict(),
  ])
  .meta({ id: 'ConnectionCreate' })
export type ConnectionCreate = z.infer<typeof ConnectionCreate>

export const ConnectionPatch = z
  .object({
    surveyId: Id,
    baseUrl: BaseUrl,
    credentials: z.union([ZendeskCredentials, FreshdeskCredentials, HelpScoutCredentials]).meta({
      description: "Replaces the stored credentials; the shape of the connection's kind",
    }),
    signingSecret: Secret.meta({ description: 'Zendesk only: the webhook signing secret' }),
    rules: z.object({ skipTags: SkipTags, delayMinutes: DelayMinutes }).partial().strict(),
  })
  .partial()
  .strict()
  .meta({ id: 'ConnectionPatch' })
export type ConnectionPatch = z.infer<typeof ConnectionPatch>

export const Connection = z
  .object({
    id: Id,
    kind: z.enum(CONNECTION_KINDS),
    surveyId: Id,
    baseUrl: z.string().max(LIMITS.url),
    rules: ConnectionRules,
    inboundUrl: z.string().max(LIMITS.url).meta({ description: 'Where the help desk calls' }),
    verified: z.boolean().meta({
      description:
        'Inbound calls can be verified (false for Zendesk until its signingSecret is set)',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Connection', description: 'Credentials and secrets are never returned' })
export type Connection = z.infer<typeof Connection>

export const ConnectionSetup = z
  .object({
    steps: z.array(z.string().max(2000)).max(20),
    triggerBody: z.string().max(2000).optional().meta({
      description: 'The JSON body to paste into the trigger or automation',
    }),
  })
  .meta({ id: 'ConnectionSetup' })
export type ConnectionSetup = z.infer<typeof ConnectionSetup>

export const ConnectionDetail = Connection.extend({ setup: ConnectionSetup }).meta({
  id: 'ConnectionDetail',
})

export const ConnectionCreated = ConnectionDetail.extend({
  inboundSecret: z.string().max(100).optional().meta({
    description: 'Freshdesk and Help Scout: the secret to paste into the help desk (shown once)',
  }),
}).meta({ id: 'ConnectionCreated' })
export type ConnectionCreated = z.infer<typeof ConnectionCreated>

export const ConnectionList = z
  .object({ data: z.array(Connection).max(HELPDESK_LIMITS.connectionsPerProject) })
  .meta({ id: 'ConnectionList' })

export const ConnectionEvent = z
  .object({
    id: z.string().max(64),
    at: Timestamp,
    ticketId: z.string().max(LIMITS.ref).nullable(),
    outcome: z.enum(HELPDESK_OUTCOMES),
    reason: z.enum(HELPDESK_REASONS),
    detail: z.string().max(1000).nullable(),
    httpStatus: z
      .int()
      .nullable()
      .meta({ description: "The help desk's answer, if a call was made" }),
  })
  .meta({ id: 'ConnectionEvent' })
export type ConnectionEvent = z.infer<typeof ConnectionEvent>

export const ConnectionEventQuery = z.object({
  limit: z.coerce.number().int().min(1).max(HELPDESK_LIMITS.maxPageSize).optional(),
  cursor: z.string().max(200).optional(),
  ticketId: z.string().max(LIMITS.ref).optional(),
})

export const ConnectionEventList = z
  .object({
    data: z.array(ConnectionEvent).max(HELPDESK_LIMITS.maxPageSize),
    nextCursor: z.string().max(200).nullable(),
  })
  .meta({ id: 'ConnectionEventList' })

export const InboundAccepted = z
  .object({
    status: z.enum(['scheduled', 'skipped', 'duplicate', 'ignored']),
    reason: z.enum(HELPDESK_REASONS).optional(),
  })
  .meta({ id: 'InboundAccepted' })
export type InboundAccepted = z.infer<typeof InboundAccepted>
