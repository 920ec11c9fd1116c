-- Outbound webhooks and Slack alerts (docs/webhooks.md).
--
-- The outbox: triggers on `responses` write one `webhook_deliveries` row per (event, subscribed
-- endpoint) in the same statement, hence the same transaction, as the answer. An answer that is
-- stored therefore always has its deliveries stored too; a failed queue send only delays them
-- (the cron sweep re-enqueues what nobody picked up). Without a subscribed endpoint a trigger
-- reads the project's endpoints by index and writes nothing.
--
-- Imported history (channel 'import') fires no response events: a 1,000-row import of last
-- year's answers must not page anyone. Test answers fire nothing either.
--
-- Splitter note (see 0002): bodies use no CASE … END; only the trigger's own END closes it.

CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY, -- whk_…
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('standard', 'slack')),
  -- AES-GCM under ENCRYPTION_KEY (worker/lib/secret-box.ts); Slack URLs are secrets.
  url_sealed TEXT NOT NULL,
  -- The URL as the API shows it: in full for 'standard', masked for 'slack'.
  url_shown TEXT NOT NULL,
  events TEXT NOT NULL, -- JSON array of event types
  -- Filters, combined with AND; NULL matches anything. JSON arrays.
  categories TEXT,
  touchpoints TEXT,
  survey_ids TEXT,
  description TEXT,
  -- Standard Webhooks signing secret (whsec_…), sealed; NULL for Slack.
  secret_sealed TEXT,
  -- After a rotation the previous secret keeps signing alongside until this instant (24 h).
  previous_secret_sealed TEXT,
  previous_secret_expires_at TEXT,
  -- Origin the dashboard is served from, for links in Slack messages.
  link_base TEXT NOT NULL,
  -- First failed attempt since the last success: 5 days of nothing but failures disables it.
  failing_since TEXT,
  disabled_at TEXT,
  disabled_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_project ON webhook_endpoints(project_id, created_at);

-- One row per event and endpoint: the outbox entry and the delivery log at once.
-- The webhook-id header is 'msg_' || id, the same on every retry of that event.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY, -- 32 hex characters
  project_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  -- Not a foreign key: erasing a customer deletes the answer, and the delivery then reports that
  -- it has nothing left to send (an FK would scan this table on every answer deletion).
  response_id TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  last_error TEXT,
  next_attempt_at TEXT, -- while pending: when the next attempt is due
  queued_at TEXT, -- last time a queue message was sent for it
  leased_until TEXT, -- a consumer is attempting it until then
  delivered_at TEXT,
  created_at TEXT NOT NULL -- the event's time
) WITHOUT ROWID;
-- The delivery log per endpoint, newest first (cursor pagination).
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, created_at, id);
-- The relay after a write and the cron sweep look only at pending rows, by due time.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(next_attempt_at)
  WHERE status = 'pending';

CREATE TRIGGER responses_webhook_created AFTER INSERT ON responses
WHEN NEW.is_test = 0 AND NEW.channel <> 'import'
BEGIN
  INSERT INTO webhook_deliveries (id, project_id, endpoint_id, event_type, response_id, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(16))), e.project_id, e.id, 'response.created', NEW.id,
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM webhook_endpoints AS e
  WHERE e.project_id = NEW.project_id AND e.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'response.created')
    AND (e.categories IS NULL OR EXISTS (SELECT 1 FROM json_each(e.categories) WHERE value = NEW.category))
    AND (e.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(e.touchpoints) WHERE value = NEW.touchpoint))
    AND (e.survey_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(e.survey_ids) WHERE value = NEW.survey_id));
END;

-- A changed score, reason or consent (a later answer for the same ref, the public amend, a
-- replaced survey-link answer). Imports that replace an answer stay silent, like imports.
CREATE TRIGGER responses_webhook_updated AFTER UPDATE OF score, reason, contact_consent ON responses
WHEN NEW.is_test = 0 AND NEW.channel <> 'import' AND (OLD.score IS NOT NEW.score
  OR OLD.reason IS NOT NEW.reason OR OLD.contact_consent IS NOT NEW.contact_consent)
BEGIN
  INSERT INTO webhook_deliveries (id, project_id, endpoint_id, event_type, response_id, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(16))), e.project_id, e.id, 'response.updated', NEW.id,
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM webhook_endpoints AS e
  WHERE e.project_id = NEW.project_id AND e.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'response.updated')
    AND (e.categories IS NULL OR EXISTS (SELECT 1 FROM json_each(e.categories) WHERE value = NEW.category))
    AND (e.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(e.touchpoints) WHERE value = NEW.touchpoint))
    AND (e.survey_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(e.survey_ids) WHERE value = NEW.survey_id));
END;

-- The closed loop (PATCH /v1/responses/:id followUp or note), on any answer, imported ones too.
CREATE TRIGGER responses_webhook_followup AFTER UPDATE OF follow_up, note ON responses
WHEN NEW.is_test = 0 AND (OLD.follow_up IS NOT NEW.follow_up OR OLD.note IS NOT NEW.note)
BEGIN
  INSERT INTO webhook_deliveries (id, project_id, endpoint_id, event_type, response_id, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(16))), e.project_id, e.id, 'followup.updated', NEW.id,
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM webhook_endpoints AS e
  WHERE e.project_id = NEW.project_id AND e.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'followup.updated')
    AND (e.categories IS NULL OR EXISTS (SELECT 1 FROM json_each(e.categories) WHERE value = NEW.category))
    AND (e.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(e.touchpoints) WHERE value = NEW.touchpoint))
    AND (e.survey_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(e.survey_ids) WHERE value = NEW.survey_id));
END;
