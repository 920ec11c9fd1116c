import { z } from 'zod'
import {
  ALL_CATEGORIES,
  DEFAULT_THROTTLE_DAYS,
  LIMITS,
  LOCALE_QUERY_MAX,
  SURVEY_KINDS,
} from './constants'
import { HttpUrl, Id, KnownLocale, LocaleTag, Origin, PropertyKey, Timestamp } from './fields'
import type { WidgetMessages as WidgetMessagesType } from './widget-messages'

const Text = z.string().trim().min(1).max(LIMITS.text)

/** The fatigue cap across every channel, in days (SPEC.md "Email channel"). */
export const CooldownDays = z.int().min(0).max(365)

export const SurveyTexts = z
  .object({
    question: Text.optional(),
    lowLabel: Text.optional(),
    highLabel: Text.optional(),
    followUp: z.partialRecord(z.enum(ALL_CATEGORIES), Text).optional().meta({
      description: 'Follow-up prompt per category (promoter, passive, detractor, easy, …)',
    }),
    thankYou: Text.optional(),
    emailSubject: Text.optional().meta({ description: 'Subject of the survey email' }),
    emailIntro: Text.optional().meta({ description: 'The line above the question in the email' }),
  })
  .strict()
export type SurveyTexts = z.infer<typeof SurveyTexts>

export const SurveyTextsByLocale = z
  .record(LocaleTag, SurveyTexts)
  .refine((o) => Object.keys(o).length <= LIMITS.localesPerSurvey, {
    message: `at most ${LIMITS.localesPerSurvey} locales`,
  })

export const SurveyTrigger = z
  .object({
    delayMs: z.int().min(0).max(LIMITS.maxDelayMs).default(0),
    urlMatch: z
      .string()
      .min(1)
      .max(LIMITS.urlMatch)
      .optional()
      .meta({ description: 'Show only on paths matching this pattern; * matches any characters' }),
  })
  .strict()
export type SurveyTrigger = z.infer<typeof SurveyTrigger>

const surveyFields = {
  name: z.string().trim().min(1).max(LIMITS.surveyName),
  kind: z.enum(SURVEY_KINDS),
  texts: SurveyTextsByLocale.default({}),
  throttleDays: z.int().min(0).max(LIMITS.maxThrottleDays).default(DEFAULT_THROTTLE_DAYS),
  sampleRate: z.number().min(0).max(1).default(1),
  allowedOrigins: z
    .array(Origin)
    .max(LIMITS.allowedOrigins)
    .default([])
    .meta({ description: 'Origins allowed to post answers; empty allows any origin' }),
  referralUrl: HttpUrl.nullable().default(null).meta({ description: 'Offered to promoters' }),
  reviewUrl: HttpUrl.nullable().default(null).meta({ description: 'Offered to every respondent' }),
  trigger: SurveyTrigger.default({ delayMs: 0 }),
  segmentKeys: z
    .array(PropertyKey)
    .max(LIMITS.segmentKeys)
    .default(['segment', 'plan', 'country'])
    .meta({ description: 'Property keys whose values get their own rollups' }),
  cooldownDays: CooldownDays.nullable().default(null).meta({
    description:
      "This survey's cooldown across channels in days (see the project's cooldownDays); null: the project's",
  }),
}

export const SurveyCreate = z.object(surveyFields).strict().meta({ id: 'SurveyCreate' })
export type SurveyCreate = z.infer<typeof SurveyCreate>

/** Every field but `kind` may change; a kind change would re-scale stored answers. */
export const SurveyPatch = z
  .object({
    name: surveyFields.name,
    texts: SurveyTextsByLocale,
    throttleDays: z.int().min(0).max(LIMITS.maxThrottleDays),
    sampleRate: z.number().min(0).max(1),
    allowedOrigins: z.array(Origin).max(LIMITS.allowedOrigins),
    referralUrl: HttpUrl.nullable(),
    reviewUrl: HttpUrl.nullable(),
    trigger: SurveyTrigger,
    segmentKeys: z.array(PropertyKey).max(LIMITS.segmentKeys),
    cooldownDays: CooldownDays.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'SurveyPatch' })
export type SurveyPatch = z.infer<typeof SurveyPatch>

export const Survey = SurveyCreate.extend({
  id: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
}).meta({ id: 'Survey' })
export type Survey = z.infer<typeof Survey>

export const SurveyList = z.object({ data: z.array(Survey).max(1000) }).meta({ id: 'SurveyList' })

const Message = z.string().max(LIMITS.text)
const PerKind = z.object({ nps: Message, ces: Message, csat: Message })

/** The default texts of one locale that the widget shows (schema/widget-messages.ts). */
export const WidgetMessages = z
  .object({
    question: PerKind,
    lowLabel: PerKind,
    highLabel: PerKind,
    followUp: z.record(z.enum(ALL_CATEGORIES), Message),
    scoreOf: Message,
    reasonPlaceholder: Message,
    send: Message,
    skip: Message,
    close: Message,
    saved: Message,
    thankYou: Message,
    contactConsent: Message,
    contactEmail: Message,
    referral: Message,
    review: Message,
    offline: Message,
    refused: Message,
    surveyLabel: Message,
  })
  .meta({ id: 'WidgetMessages' }) satisfies z.ZodType<WidgetMessagesType>

export const PublicSurveyQuery = z.object({
  locale: z.string().max(LOCALE_QUERY_MAX).optional().meta({
    description:
      "The visitor's languages, BCP 47 tags best first, comma separated (`da-DK,de,en`): the first supported one chooses `locale` and `messages`; else English",
  }),
})

/** What the widget needs to render; nothing a visitor should not see. */
export const PublicSurvey = Survey.pick({
  id: true,
  kind: true,
  texts: true,
  throttleDays: true,
  sampleRate: true,
  referralUrl: true,
  reviewUrl: true,
  trigger: true,
})
  .extend({
    requireSignedIdentity: z.boolean(),
    locale: KnownLocale.meta({ description: 'The locale chosen from the `locale` query' }),
    messages: WidgetMessages,
  })
  .meta({ id: 'PublicSurvey' })
export type PublicSurvey = z.infer<typeof PublicSurvey>

/** The per-survey loader's query (GET /widget.js?survey=…): without `survey`, the plain loader. */
export const WidgetLoaderQuery = PublicSurveyQuery.extend({
  survey: Id.optional().meta({
    description: 'The survey whose config the loader carries, so the widget asks for none',
  }),
})

/**
 * The config a per-survey loader carries (short keys: the loader reads them and counts its
 * bytes). The loader uses it only on the page origin the worker checked against the survey's
 * allowedOrigins, and only when the page's own languages pick the same locale; else it asks.
 */
export const WidgetPreload = z.object({
  o: z.string().meta({ description: 'The page origin the config was checked for' }),
  m: z.record(z.string(), KnownLocale).meta({
    description: 'Primary language subtag → supported locale, to repeat the worker’s choice',
  }),
  s: PublicSurvey,
})
export type WidgetPreload = z.infer<typeof WidgetPreload>
