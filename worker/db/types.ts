// Row shapes of the D1 tables (schema/migrations), as Kysely sees them. Enumerated columns take
// their types from schema/constants, so a new kind or category cannot drift from the API.
import type {
  Category,
  Channel,
  FollowUpState,
  ImpressionType,
  SurveyKind,
} from '../../schema/constants'

export interface ProjectRow {
  id: string
  name: string
  identity_secret: string
  link_secret: string
  require_signed_identity: number
  created_at: string
}

export interface ApiKeyRow {
  hash: string
  project_id: string
  kind: 'publishable' | 'secret'
  prefix: string
  created_at: string
  revoked_at: string | null
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
  /** JSON array of the reason's terms (worker/lib/terms.ts); null when it has none. */
  terms: string | null
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

/** The day bucket also counts answers per channel, widget displays and link invitations. */
export interface RollupDayRow extends RollupPropertyBase {
  widget: number
  link: number
  shown: number
  invited: number
}

export interface RollupPropertyRow extends RollupPropertyBase {
  key: string
  value: string
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

export interface Database {
  projects: ProjectRow
  api_keys: ApiKeyRow
  surveys: SurveyRow
  responses: ResponseRow
  impressions: ImpressionRow
  invitations: InvitationRow
  rollup_days: RollupDayRow
  rollup_properties: RollupPropertyRow
  rollup_terms: RollupTermRow
}
