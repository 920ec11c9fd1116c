-- Help-desk connectors (docs/support-tools.md): a connection per help desk, the inbound calls
-- already seen (replay protection), one job per (connection, ticket) and the events log.
-- No personal data is kept here: a job holds the ticket id; requester, email and language are
-- read from the help desk's API when the job runs, and live on in the invitation only.

CREATE TABLE helpdesk_connections (
  id TEXT PRIMARY KEY, -- hdc_…
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('zendesk', 'freshdesk', 'helpscout')),
  survey_id TEXT NOT NULL,
  base_url TEXT NOT NULL,
  -- AES-GCM under ENCRYPTION_KEY (worker/lib/secret-box.ts), bound to this row and field.
  credentials_sealed TEXT NOT NULL,
  -- Zendesk: its webhook signing secret (NULL until set); others: the secret Kundepuls made.
  inbound_secret_sealed TEXT,
  rules TEXT NOT NULL, -- JSON ConnectionRules
  -- Origin of the API that created it: the inbound URL and the survey links use it.
  origin TEXT NOT NULL,
  -- Help Scout's OAuth access token, sealed, cached until it expires.
  access_token_sealed TEXT,
  access_token_expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX helpdesk_connections_project ON helpdesk_connections (project_id, created_at);

-- A verified inbound call, by a digest of what was signed: the same delivery again is ignored.
CREATE TABLE helpdesk_inbound_seen (
  connection_id TEXT NOT NULL REFERENCES helpdesk_connections(id) ON DELETE CASCADE,
  digest TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, digest)
) WITHOUT ROWID;
CREATE INDEX helpdesk_inbound_seen_created ON helpdesk_inbound_seen (created_at);

CREATE TABLE helpdesk_jobs (
  id TEXT PRIMARY KEY, -- hdj_…
  connection_id TEXT NOT NULL REFERENCES helpdesk_connections(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'posting', 'posted', 'skipped', 'reopened', 'failed')),
  -- Next attempt not before this instant (solved + delayMinutes, then the retry schedule).
  due_at TEXT NOT NULL,
  -- Attempts in the current phase; in 'posting', > 0 means an earlier reply may have landed.
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until TEXT,
  -- Set when the invitation is made: its link (the marker looked for before a retried reply)
  -- and the reply to post; the reply is dropped once posted.
  survey_url TEXT,
  reply_html TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (connection_id, ticket_id)
);
CREATE INDEX helpdesk_jobs_due ON helpdesk_jobs (state, due_at);

CREATE TABLE helpdesk_events (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES helpdesk_connections(id) ON DELETE CASCADE,
  ticket_id TEXT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT,
  http_status INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX helpdesk_events_connection ON helpdesk_events (connection_id, created_at, id);
CREATE INDEX helpdesk_events_created ON helpdesk_events (created_at);
