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
/** What carried a link answer's link (schema/counters.ts checks it against the counting rules). */
export const LINK_CHANNELS = ['link', 'email', 'helpdesk'] as const

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

/** The project-wide fatigue cap (SPEC.md "Email channel"): days between two asks of one person. */
export const DEFAULT_COOLDOWN_DAYS = 14

// Retention (issue 8 item 6): a project may have its answers anonymised after this many days.
export const RETENTION_DAYS = { min: 1, max: 3650 } as const

// --- Webhooks and alerts (docs/webhooks.md) ---

export const WEBHOOK_EVENTS = [
  'response.created',
  'response.updated',
  'followup.updated',
  /** An open follow-up past its deadline, once per escalation step (0016_loop.sql). */
  'followup.overdue',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
/** What POST /v1/webhooks/:id/test sends; never stored as a subscription. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

export const WEBHOOK_FORMATS = ['standard', 'slack'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * Seconds to wait before each attempt, as Standard Webhooks recommends: immediately, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h (https://www.standardwebhooks.com/ "Retry schedule"). Eight
 * attempts over ~27.6 h, within a queue message's 4-day retention; every delay is under the
 * Queues maximum of 12 h.
 */
export const WEBHOOK_RETRY_SCHEDULE_S = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const

export const WEBHOOK_LIMITS = {
  endpointsPerProject: 20,
  description: 200,
  filterItems: 50,
  /** Per attempt, connection to last byte read. */
  timeoutMs: 10_000,
  /** Of the receiver's answer we read at most this much (kept in the log as the error text). */
  responseBytes: 1024,
  /** An endpoint whose every attempt failed for this long is disabled. */
  failingDisableMs: 5 * DAY_MS,
  /** After rotate-secret, the previous secret keeps signing alongside for this long. */
  rotationOverlapMs: DAY_MS,
  /** A pending delivery this much past due with nobody working on it is re-enqueued by the sweep. */
  sweepGraceMs: 60_000,
  /** A consumer holds a delivery this long while attempting it (> timeoutMs). */
  leaseMs: 30_000,
  /** Delivered and failed log rows are purged after this long. */
  logRetentionMs: 30 * DAY_MS,
  pageSize: 50,
  maxPageSize: 200,
} as const

// --- Help-desk connectors (docs/support-tools.md) ---

export const CONNECTION_KINDS = ['zendesk', 'freshdesk', 'helpscout'] as const
export type ConnectionKind = (typeof CONNECTION_KINDS)[number]

/** A job per (connection, ticket): `reopened` may be armed again by a later "solved" call. */
export const HELPDESK_JOB_STATES = [
  'waiting',
  'posting',
  'posted',
  'skipped',
  'reopened',
  'failed',
] as const
export type HelpdeskJobState = (typeof HELPDESK_JOB_STATES)[number]

export const HELPDESK_OUTCOMES = ['scheduled', 'skipped', 'posted', 'retrying', 'failed'] as const
export type HelpdeskOutcome = (typeof HELPDESK_OUTCOMES)[number]

/** Why a ticket got no survey (or what went wrong), as the events log names it. */
export const HELPDESK_REASONS = [
  'solved',
  'already_handled',
  'not_solved',
  'reopened',
  'skip_tag',
  'agent_requester',
  'no_email',
  'merged',
  'spam',
  'deleted',
  'throttled',
  'ignored_event',
  'survey_missing',
  'helpdesk_error',
  'rate_limited',
  'invited',
  'replied',
  'already_replied',
] as const
export type HelpdeskReason = (typeof HELPDESK_REASONS)[number]

export const HELPDESK_LIMITS = {
  connectionsPerProject: 20,
  skipTags: 20,
  tag: 80,
  secret: 200,
  /** Queues deliver a message at most 12 h late (delaySeconds ≤ 43,200). */
  maxDelayMinutes: 720,
  /** Zendesk's signature timestamp may be at most this old (and as far in the future). */
  signatureToleranceMs: 5 * 60_000,
  /** Inbound bodies: a Help Scout conversation object with its threads can be sizeable. */
  inboundBytes: 256 * 1024,
  /** Help-desk API answers read (ticket with its users, the latest comments). */
  responseBytes: 512 * 1024,
  /** A consumer holds a job this long while attempting it (> one attempt's calls). */
  leaseMs: 60_000,
  /** Seen inbound deliveries are kept this long to recognise replays. */
  seenRetentionMs: 7 * DAY_MS,
  /** Events log rows are purged after this long. */
  eventRetentionMs: 90 * DAY_MS,
  pageSize: 50,
  maxPageSize: 200,
} as const

// Public answer edit proof (issue 8): a per-answer secret the widget makes and sends with the
// answer and with every amendment of it; the worker stores only its SHA-256.
export const EDIT_TOKEN = {
  minLength: 32,
  maxLength: 64,
  pattern: /^[A-Za-z0-9_-]+$/,
} as const

// --- Insights (issue 12): distribution, comparisons, response rate, themes, journeys ---

/** Polarities in rank order, lowest first: a journey "drops" when the rank falls. */
export const POLARITIES = ['negative', 'neutral', 'positive'] as const

export const INSIGHTS = {
  /** Terms (words and two-word phrases) counted per answer: bounds the rows an answer writes. */
  termsPerAnswer: 20,
  /** Longest single word kept as a term (longer is a URL, a hash or a typo run). */
  termChars: 32,
  /** Answers per statement when a survey's property rollups are rebuilt (issue 8, item 7). */
  rebuildChunk: 10_000,
  /** Rebuild chunks one invocation may run (each is a read and a 2-statement batch: 3 queries). */
  rebuildChunksPerCall: 8,
  themesLimit: 20,
  maxThemesLimit: 100,
  /** Default journeys window when from/to are absent. */
  journeyDays: 90,
  /** Transitions listed at most (the largest first). */
  maxTransitions: 500,
} as const

// widget-next: the survey config's `locale` query (the visitor's languages, comma separated).
// Generous: a browser lists a handful of tags, and a refused config would show no survey at all.
export const LOCALE_QUERY_MAX = 1000

// Dashboard sign-in (issue 9): key scopes and sessions.
/** `read` keys (rk_…) read everything and change nothing; `full` keys (sk_…) do both. */
export const KEY_SCOPES = ['read', 'full'] as const
export type KeyScope = (typeof KEY_SCOPES)[number]
/** A dashboard session lives this long after its last use (sliding). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
/** The sliding expiry and a key's lastUsedAt are written at most this often. */
export const TOUCH_INTERVAL_MS = 5 * 60 * 1000
export const SESSION_COOKIE = 'kp_session'

// People signing in as themselves (issue 20, SPEC.md "Accounts and roles").
/** A person's session cookie (HttpOnly); distinct from a key's `kp_session`. */
export const USER_SESSION_COOKIE = 'kp_user'
/** Which of a person's projects the dashboard acts in; the `kundepuls-project` header wins. */
export const PROJECT_COOKIE = 'kp_project'
export const PROJECT_HEADER = 'kundepuls-project'
/** A person's session lives this long after its last use (sliding). */
export const USER_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** A password reset link works once, within this time. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000
/** An invitation to a project works once, within this time, unless revoked. */
export const MEMBER_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** NIST SP 800-63B: at least 8 characters, long passphrases allowed; we ask for 10. */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const

// Passkeys (WebAuthn): the transports a browser may report (AuthenticatorTransport,
// https://www.w3.org/TR/webauthn-3/#enum-transport) and the longest name shown for one.
export const AUTHENTICATOR_TRANSPORTS = [
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
] as const
export type AuthenticatorTransportName = (typeof AUTHENTICATOR_TRANSPORTS)[number]
export const PASSKEY_NAME_MAX = 60

// The email channel's constants that the dashboard needs: here, in a module without zod, so the
// browser bundle stays free of it (test/dashboard/budget.test.ts). schema/email.ts and
// schema/send-window.ts build their schemas from them.

/** Weekdays by their English three-letter names, Monday first (ISO 8601 order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** Weekdays 09:00–17:00: the default window of event rules. */
export const WORKING_HOURS = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
} satisfies { days: (typeof WEEKDAYS)[number][]; from: string; to: string }

/** The states of a survey email (schema/email.ts SendState). */
export const SEND_STATES = [
  'scheduled',
  'sent',
  'answered',
  'suppressed',
  'skipped',
  'cancelled',
  'failed',
] as const

// Single sign-on with a project's OpenID Connect provider (schema/oidc.ts, worker/oidc/).
export const OIDC_LIMITS = {
  issuer: 500,
  clientId: 255,
  clientSecret: 1000,
  displayName: 60,
  /** The sign-in must come back within this time (the sealed state cookie's lifetime). */
  flowMs: 10 * 60 * 1000,
} as const

/** The short-lived cookie holding the flow's state, nonce and PKCE verifier, sealed. */
export const OIDC_FLOW_COOKIE = 'kp_oidc'

/**
 * Why a single sign-on did not sign anyone in: the callback sends the browser to
 * /app/sso/<projectId>?error=<reason>, and the dashboard words it (dashboard/lib/messages-accounts.ts).
 */
export const OIDC_REFUSALS = [
  'not_configured',
  'provider_unreachable',
  'provider_error',
  'state_mismatch',
  'token_rejected',
  'email_unverified',
  'not_a_member',
] as const
export type OidcRefusal = (typeof OIDC_REFUSALS)[number]
