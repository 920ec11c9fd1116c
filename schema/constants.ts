// Zod-free facts shared by the worker and the widget: scales, categories, limits, locales.
// The widget imports this module at run time, so it must never import zod.

export const SURVEY_KINDS = ['nps', 'ces', 'csat'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]

/** Inclusive score range per kind. */
export const SCALES: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
  csat: { min: 1, max: 5 },
}

/** Categories per kind, ordered positive → neutral → negative. */
export const CATEGORIES = {
  nps: ['promoter', 'passive', 'detractor'],
  ces: ['easy', 'neutral', 'difficult'],
  csat: ['satisfied', 'neutral', 'unsatisfied'],
} as const satisfies Record<SurveyKind, readonly [string, string, string]>

export type Category = (typeof CATEGORIES)[SurveyKind][number]
export const ALL_CATEGORIES = [
  ...new Set(Object.values(CATEGORIES).flat()),
] as unknown as readonly Category[]

/** Categories that put a customer at risk (detractor, difficult, unsatisfied). */
export const NEGATIVE_CATEGORIES = SURVEY_KINDS.map((k) => CATEGORIES[k][2])

export const LOCALES = ['en', 'da', 'nb', 'sv', 'de', 'fr', 'es', 'nl', 'fi', 'ar', 'he'] as const
export type Locale = (typeof LOCALES)[number]
export const RTL_LOCALES: readonly Locale[] = ['ar', 'he']

export const CHANNELS = ['widget', 'link', 'api', 'import'] as const
export type Channel = (typeof CHANNELS)[number]

export const FOLLOW_UPS = ['open', 'closed'] as const
export type FollowUpState = (typeof FOLLOW_UPS)[number]

export const IMPRESSION_TYPES = ['shown', 'dismissed'] as const
export type ImpressionType = (typeof IMPRESSION_TYPES)[number]

export const DAY_MS = 24 * 60 * 60 * 1000

export const LIMITS = {
  reason: 2000,
  note: 2000,
  touchpoint: 64,
  ref: 64,
  customerId: 128,
  customerHash: 128,
  email: 254,
  locale: 35,
  pageUrl: 2048,
  propertyKeys: 20,
  propertyKey: 40,
  propertyString: 200,
  surveyName: 120,
  projectName: 120,
  text: 500,
  url: 2048,
  allowedOrigins: 50,
  origin: 255,
  localesPerSurvey: 30,
  segmentKeys: 5,
  urlMatch: 500,
  maxDelayMs: 600_000,
  maxThrottleDays: 3650,
  /** A public answer may be amended (reason, consent) this long after it was given. */
  amendWindowMs: DAY_MS,
  /** Request bodies above this are refused with 413. */
  bodyBytes: 16 * 1024,
  pageSize: 100,
  maxPageSize: 1000,
} as const

export const DEFAULT_THROTTLE_DAYS = 90

// widget-next: the survey config's `locale` query (the visitor's languages, comma separated).
// Generous: a browser lists a handful of tags, and a refused config would show no survey at all.
export const LOCALE_QUERY_MAX = 1000
