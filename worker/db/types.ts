// Row shapes of the D1 tables (schema/migrations), as Kysely sees them. Enumerated columns take
// their types from schema/constants, so a new kind or category cannot drift from the API.
import type {
  Category,
  Channel,
  ConnectionKind,
  DeliveryStatus,
  FollowUpState,
  HelpdeskJobState,
  HelpdeskOutcome,
  HelpdeskReason,
  ImpressionType,
  KeyScope,
  SurveyKind,
  WebhookEvent,
  WebhookFormat,
} from '../../schema/constants'
import type { LinkChannel, RollupChannel } from '../../schema/counters'
import type { PolaritySign } from '../../schema/scoring'
import type { SendKind, SendSource, SendState } from '../../schema/email'
import type { SuppressionReason } from '../../schema/email-sends'
import type { Role } from '../../schema/roles'
import type { PasskeyPurpose } from '../../schema/passkeys'
import type { ContactVia, FollowUpEvent, FollowUpStep } from '../../schema/follow-up'

export interface ProjectRow {
  id: string
  name: string
  identity_secret: string
  link_secret: string
  require_signed_identity: number
  /** Days after which the cron anonymises answers; null keeps them (0006_retention.sql). */
  retention_days: number | null
  created_at: string
  /** The fatigue cap across every channel, in days (0017_email_pipe.sql; default 14). */
  cooldown_days?: number
  /** Reply-To of the survey emails; null: none. */
  email_reply_to?: string | null
  /** IANA zone for send windows when a person's is unknown (0019_email_triggers.sql). */
  time_zone: string
}

export interface ApiKeyRow {
  hash: string
  project_id: string
  kind: 'publishable' | 'secret'
  prefix: string
  created_at: string
  revoked_at: string | null
  id: string
  name: string
  /** Meaningful for secret-kind keys: rk_ keys are `read`, sk_ keys `full`. */
  scope: KeyScope
  last_used_at: string | null
}

export interface SessionRow {
  /** SHA-256 of the cookie's random id. */
  hash: string
  key_hash: string
  project_id: string
  created_at: string
  expires_at: string
}

export interface SurveyRow {
  id: string
  project_id: string
  name: string
  kind: SurveyKind
  texts: string
  trigger: string
  allowed_origins: string
  segment_keys: string
  throttle_days: number
  sample_rate: number
  referral_url: string | null
  review_url: string | null
  created_at: string
  updated_at: string
  deleted_at: string | null
  /** Chunked property-rollup rebuild: the last answer (created_at, id) covered; NULL when done. */
  props_rebuild_at: string | null
  props_rebuild_id: string | null
  /** This survey's own cooldown (0017_email_pipe.sql); null: the project's. */
  cooldown_days?: number | null
}

export interface ResponseRow {
  id: string
  project_id: string
  survey_id: string
  kind: SurveyKind
  score: number
  category: Category
  touchpoint: string | null
  ref: string | null
  customer_id: string | null
  email: string | null
  reason: string | null
  contact_consent: number
  properties: string
  locale: string | null
  page_path: string | null
  channel: Channel
  follow_up: FollowUpState | null
  note: string | null
  is_test: number
  created_at: string
  answered_at: string
  updated_at: string
  /** When the retention cron cleared the personal fields; null before. */
  anonymized_at: string | null
  /** SHA-256 hex of the edit token (widget answers only); see migration 0005. */
  edit_token_hash: string | null
  /** 1 when customer_id was proven (customerHash, link token, secret key). */
  customer_verified: number
  /** JSON array of the reason's terms (worker/lib/terms.ts); null when it has none. */
  terms: string | null
  /** 1 positive, 0 neutral, −1 negative: schema/scoring.ts polaritySign (0012_counting.sql). */
  polarity: PolaritySign
  /** Link answers: the channel that carried the link (its invitation's); null otherwise. */
  link_channel: LinkChannel | null
}

export interface ImpressionRow {
  id: string
  type: ImpressionType
  project_id: string
  survey_id: string
  touchpoint: string | null
  customer_id: string | null
  created_at: string
}

export interface InvitationRow {
  id: string
  project_id: string
  survey_id: string
  touchpoint: string
  ref: string
  customer_id: string | null
  email: string | null
  properties: string
  locale: string | null
  expires_at: string
  created_at: string
  /** What carried the link: 'link' (POST /v1/invitations), 'helpdesk' (a connector). */
  channel: LinkChannel
}

/** Answers per score, s0 … s10 (0009_insights.sql). */
export interface ScoreColumns {
  s0: number
  s1: number
  s2: number
  s3: number
  s4: number
  s5: number
  s6: number
  s7: number
  s8: number
  s9: number
  s10: number
}

/** A rollup bucket: the Tally of schema/scoring.ts for one survey, UTC day and touchpoint. */
export interface RollupPropertyBase extends ScoreColumns {
  survey_id: string
  day: string
  touchpoint: string
  total: number
  positive: number
  neutral: number
  negative: number
  score_sum: number
}

/** The day bucket is per channel too, and counts who was asked (displays, invitations). */
export interface RollupDayRow extends RollupPropertyBase {
  channel: RollupChannel
  asked: number
}

export interface RollupPropertyRow extends RollupPropertyBase {
  key: string
  value: string
}

export interface WebhookEndpointRow {
  id: string
  project_id: string
  format: WebhookFormat
  url_sealed: string
  url_shown: string
  events: string
  categories: string | null
  touchpoints: string | null
  survey_ids: string | null
  description: string | null
  secret_sealed: string | null
  previous_secret_sealed: string | null
  previous_secret_expires_at: string | null
  link_base: string
  failing_since: string | null
  disabled_at: string | null
  disabled_reason: string | null
  created_at: string
  updated_at: string
}

export interface WebhookDeliveryRow {
  id: string
  project_id: string
  endpoint_id: string
  event_type: WebhookEvent | 'webhook.test'
  response_id: string | null
  status: DeliveryStatus
  attempts: number
  last_status: number | null
  last_error: string | null
  next_attempt_at: string | null
  queued_at: string | null
  leased_until: string | null
  delivered_at: string | null
  created_at: string
}

// Help-desk connectors (schema/migrations/0011_helpdesk.sql).
export interface HelpdeskConnectionRow {
  id: string
  project_id: string
  kind: ConnectionKind
  survey_id: string
  base_url: string
  credentials_sealed: string
  inbound_secret_sealed: string | null
  rules: string
  origin: string
  access_token_sealed: string | null
  access_token_expires_at: string | null
  created_at: string
  updated_at: string
}

export interface HelpdeskInboundSeenRow {
  connection_id: string
  digest: string
  created_at: string
}

export interface HelpdeskJobRow {
  id: string
  connection_id: string
  project_id: string
  ticket_id: string
  state: HelpdeskJobState
  due_at: string
  attempts: number
  lease_until: string | null
  survey_url: string | null
  reply_html: string | null
  created_at: string
  updated_at: string
}

export interface HelpdeskEventRow {
  id: string
  connection_id: string
  ticket_id: string | null
  outcome: HelpdeskOutcome
  reason: HelpdeskReason
  detail: string | null
  http_status: number | null
  created_at: string
}

/** Occurrences of a term per polarity in one survey × UTC day × touchpoint ('' counts reasons). */
export interface RollupTermRow {
  survey_id: string
  day: string
  touchpoint: string
  term: string
  positive: number
  neutral: number
  negative: number
  example_positive: string | null
  example_neutral: string | null
  example_negative: string | null
}

/** One send of the email channel (0014_email_sends.sql). */
export interface EmailSendRow {
  id: string
  project_id: string
  survey_id: string
  source: SendSource
  kind: SendKind
  dedupe_key: string
  email: string
  email_hash: string
  customer_id: string | null
  ref: string | null
  locale: string | null
  time_zone: string | null
  state: SendState
  reason: string | null
  scheduled_for: string
  sent_at: string | null
  reminder_after_days: number
  invitation_id: string | null
  created_at: string
  /** Who holds the due send (0017_email_pipe.sql): see worker/db/email-sends.ts. */
  lease_until?: string | null
  lease_token?: string | null
  /** The mailer's refusals so far. */
  attempts?: number
}

/** The message as handed to the mailer (0017_email_pipe.sql); headers is JSON. */
export interface EmailMessageRow {
  send_id: string
  project_id: string
  message_id: string
  recipient: string
  subject: string
  headers: string
  html: string
  text: string
  created_at: string
}

/** An address that is never mailed, as its hash (0017_email_pipe.sql). */
export interface SuppressionRow {
  project_id: string
  email_hash: string
  reason: SuppressionReason
  created_at: string
}

/** A person who signs in (0013_members.sql); sign-in methods live in their own tables. */
export interface UserRow {
  id: string
  email: string
  name: string
  created_at: string
  /** scrypt (worker/lib/password.ts); null: no password set (0015_accounts.sql). */
  password_hash: string | null
}

/** A person's signed-in browser; the cookie's id is stored only as its SHA-256 `hash`. */
export interface UserSessionRow {
  hash: string
  id: string
  user_id: string
  created_at: string
  expires_at: string
  last_used_at: string
  user_agent: string
}

/** A person's passkey (0021_passkeys.sql); `transports` is a JSON array. */
export interface PasskeyRow {
  id: string
  credential_id: string
  user_id: string
  public_key: string
  counter: number
  transports: string
  name: string
  created_at: string
  last_used_at: string | null
}

/** A WebAuthn ceremony's challenge (SHA-256), single use. */
export interface PasskeyChallengeRow {
  hash: string
  purpose: PasskeyPurpose
  user_id: string | null
  expires_at: string
}

export interface PasswordResetRow {
  hash: string
  user_id: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface MemberInviteRow {
  id: string
  hash: string
  project_id: string
  email: string
  role: Role
  limits: string | null
  invited_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  revoked_at: string | null
}

/** A person's role in a project; `limits` is schema/roles.ts MemberLimits as JSON. */
export interface MembershipRow {
  project_id: string
  user_id: string
  role: Role
  limits: string | null
  created_at: string
}

/** A negative answer's follow-up (0016_loop.sql). */
export interface FollowUpRow {
  response_id: string
  project_id: string
  survey_id: string
  state: FollowUpStep
  via: ContactVia | null
  owner_id: string | null
  assigned_at: string | null
  created_at: string
  due_at: string
  contacted_at: string | null
  closed_at: string | null
  reask_send_id: string | null
  reask_response_id: string | null
  recovered_at: string | null
  updated_at: string
}

export interface FollowUpSettingsRow {
  project_id: string
  /** '' for the project's default. */
  survey_id: string
  settings: string
  updated_at: string
}

export interface FollowUpEventRow {
  id: string
  response_id: string
  project_id: string
  at: string
  actor: string
  change: FollowUpEvent['change']
  state: FollowUpStep | null
  via: ContactVia | null
  owner_id: string | null
  note: string | null
}

export interface FollowUpEscalationRow {
  response_id: string
  step: 1 | 2
  project_id: string
  at: string
}

export interface AuditRow {
  id: string
  project_id: string
  at: string
  actor: string
  action: string
  target: string | null
  /** JSON of ids and counts only. */
  detail: string | null
}

export interface DigestSubscriptionRow {
  project_id: string
  user_id: string
  created_at: string
}

export interface DigestRunRow {
  project_id: string
  week: string
  at: string
}

/** An event rule (0019_email_triggers.sql); `window` is schema/send-window.ts SendWindow as JSON. */
export interface EmailRuleRow {
  id: string
  project_id: string
  event_type: string
  survey_id: string
  delay_minutes: number
  window: string
  reminder_after_days: number
  created_at: string
  updated_at: string
}

/** A person a program may ask; `properties` is JSON. */
export interface PersonRow {
  id: string
  project_id: string
  email: string
  email_hash: string
  customer_id: string | null
  name: string | null
  locale: string | null
  time_zone: string | null
  properties: string
  created_at: string
  updated_at: string
}

/** A relationship program; `window` is SendWindow as JSON. */
export interface EmailProgramRow {
  id: string
  project_id: string
  survey_id: string
  every_days: number
  daily_cap: number
  window: string
  state: 'active' | 'paused'
  plan_day: string
  plan_count: number
  created_at: string
  updated_at: string
}

/** One person's place in one program. */
export interface EmailProgramPersonRow {
  program_id: string
  person_id: string
  due_at: string
  cycle: number
  send_id: string | null
  previous_due_at: string | null
}

/** A project's OpenID Connect provider (0020_oidc.sql); the secret only sealed. */
export interface OidcProviderRow {
  project_id: string
  issuer: string
  client_id: string
  client_secret_sealed: string
  display_name: string
  created_at: string
  updated_at: string
}

export interface Database {
  projects: ProjectRow
  api_keys: ApiKeyRow
  sessions: SessionRow
  surveys: SurveyRow
  responses: ResponseRow
  impressions: ImpressionRow
  invitations: InvitationRow
  rollup_days: RollupDayRow
  rollup_properties: RollupPropertyRow
  webhook_endpoints: WebhookEndpointRow
  webhook_deliveries: WebhookDeliveryRow
  helpdesk_connections: HelpdeskConnectionRow
  helpdesk_inbound_seen: HelpdeskInboundSeenRow
  helpdesk_jobs: HelpdeskJobRow
  helpdesk_events: HelpdeskEventRow
  rollup_terms: RollupTermRow
  email_sends: EmailSendRow
  email_messages: EmailMessageRow
  suppressions: SuppressionRow
  users: UserRow
  memberships: MembershipRow
  follow_ups: FollowUpRow
  follow_up_settings: FollowUpSettingsRow
  follow_up_events: FollowUpEventRow
  follow_up_escalations: FollowUpEscalationRow
  audit_log: AuditRow
  digest_subscriptions: DigestSubscriptionRow
  digest_runs: DigestRunRow
  user_sessions: UserSessionRow
  password_resets: PasswordResetRow
  passkeys: PasskeyRow
  passkey_challenges: PasskeyChallengeRow
  member_invites: MemberInviteRow
  email_rules: EmailRuleRow
  people: PersonRow
  email_programs: EmailProgramRow
  email_program_people: EmailProgramPersonRow
  oidc_providers: OidcProviderRow
}
