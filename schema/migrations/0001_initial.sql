-- Kundepuls core tables. No IP address is stored anywhere.
-- Timestamps are ISO 8601 UTC strings with milliseconds ('2026-11-24T10:00:00.000Z'):
-- they sort as text and substr(x, 1, 10) is the UTC day used by rollups.

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- Needed in clear to verify customerHash (HMAC) and to sign survey links; never returned after creation.
  identity_secret TEXT NOT NULL,
  link_secret TEXT NOT NULL,
  require_signed_identity INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- API keys are stored as SHA-256 hashes; `prefix` is what a dashboard may display.
CREATE TABLE api_keys (
  hash TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_project ON api_keys(project_id);

CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('nps', 'ces', 'csat')),
  -- JSON blobs validated by schema/survey.ts before they get here.
  texts TEXT NOT NULL DEFAULT '{}',
  trigger TEXT NOT NULL DEFAULT '{"delayMs":0}',
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  segment_keys TEXT NOT NULL DEFAULT '[]',
  throttle_days INTEGER NOT NULL DEFAULT 90,
  sample_rate REAL NOT NULL DEFAULT 1,
  referral_url TEXT,
  review_url TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Deleting a survey archives it: its answers are history and stay readable.
  deleted_at TEXT
);
CREATE INDEX surveys_project ON surveys(project_id, created_at);

CREATE TABLE responses (
  id TEXT PRIMARY KEY, -- the client's UUID: retries reuse it, so it is the idempotency key
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  kind TEXT NOT NULL CHECK (kind IN ('nps', 'ces', 'csat')),
  score INTEGER NOT NULL,
  category TEXT NOT NULL,
  touchpoint TEXT,
  ref TEXT,
  customer_id TEXT,
  email TEXT,
  reason TEXT,
  contact_consent INTEGER NOT NULL DEFAULT 0,
  properties TEXT NOT NULL DEFAULT '{}',
  locale TEXT,
  page_path TEXT,
  channel TEXT NOT NULL DEFAULT 'widget' CHECK (channel IN ('widget', 'link', 'api', 'import')),
  follow_up TEXT CHECK (follow_up IN ('open', 'closed')),
  note TEXT,
  is_test INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- At most one answer per (survey, customer, ref): a later answer updates it.
CREATE UNIQUE INDEX responses_one_per_ref ON responses(survey_id, customer_id, ref)
  WHERE customer_id IS NOT NULL AND ref IS NOT NULL;
-- Listing and cursor pagination per survey, newest first.
CREATE INDEX responses_survey_created ON responses(survey_id, created_at, id);
-- Customer lookups: erasure, at-risk, the contact ledger behind the throttle.
CREATE INDEX responses_project_customer ON responses(project_id, customer_id, answered_at)
  WHERE customer_id IS NOT NULL;
