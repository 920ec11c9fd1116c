-- The closed loop and the audit log (SPEC.md "Closed loop", "Accounts and roles").
--
-- Every negative answer (polarity −1: detractor, difficult, unsatisfied) gets a follow_ups row
-- from a trigger, in the statement that stores the answer, whatever the channel that wrote it —
-- except test answers and imported history older than 7 days (last year's detractors must not
-- all be overdue at once; last week's are still worth a call). The trigger gives the calendar default due time (48 h); the cron's
-- assignment pass (worker/loop/assign.ts) applies the project's rules: owner, the survey's
-- due hours, business hours.
--
-- responses.follow_up ('open' | 'closed', 0001) stays the legacy summary the API has always
-- answered (NULL reads as pending): a state change keeps it in step (resolved/unreachable →
-- closed, else open), so the followup.updated webhook trigger (0008) fires on every change.
--
-- Splitter note (see 0002): bodies use no CASE … END; only the trigger's own END closes it.

-- Rules per project ('' = the project's default) and per survey (an override), as JSON
-- (schema/follow-up.ts FollowUpSettings).
CREATE TABLE follow_up_settings (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL DEFAULT '',
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (project_id, survey_id)
);

CREATE TABLE follow_ups (
  -- The answer it follows up; erasing the answer erases its follow-up and history.
  response_id TEXT PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open'
    CHECK (state IN ('open', 'contacted', 'resolved', 'unreachable')),
  via TEXT CHECK (via IN ('call', 'email', 'ticket')),
  -- users.id (control database, so no foreign key); NULL: unassigned.
  owner_id TEXT,
  -- When the assignment rules ran (NULL: not yet); round-robin picks the least recently assigned.
  assigned_at TEXT,
  -- The answer's time: the deadline clock starts when the customer answered.
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  contacted_at TEXT,
  closed_at TEXT,
  -- "Did we fix it?": the re-ask's send (email_sends.id), the answer it brought, and whether
  -- that answer was better than the first (its polarity rose).
  reask_send_id TEXT,
  reask_response_id TEXT,
  recovered_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX follow_ups_project_created ON follow_ups(project_id, created_at, response_id);
CREATE INDEX follow_ups_owner ON follow_ups(project_id, owner_id, assigned_at);
CREATE INDEX follow_ups_unassigned ON follow_ups(created_at) WHERE assigned_at IS NULL;
CREATE INDEX follow_ups_open_due ON follow_ups(due_at) WHERE state = 'open';

-- NOT EXISTS, not INSERT OR IGNORE: inside a trigger the outer statement's conflict policy
-- wins (https://www.sqlite.org/lang_createtrigger.html), and the answer upserts (an answer
-- link changed back to negative) run with ABORT, so OR IGNORE would fail the whole answer.
CREATE TRIGGER responses_follow_up_insert AFTER INSERT ON responses
WHEN NEW.polarity = -1 AND NEW.is_test = 0
  AND (NEW.channel <> 'import' OR NEW.created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days'))
BEGIN
  INSERT INTO follow_ups
    (response_id, project_id, survey_id, created_at, due_at, updated_at)
  SELECT NEW.id, NEW.project_id, NEW.survey_id, NEW.created_at,
    strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '+48 hours'), NEW.created_at
  WHERE NOT EXISTS (SELECT 1 FROM follow_ups WHERE response_id = NEW.id);
END;

-- An amendment that turns an answer negative (the widget's edit, a link answer changed).
CREATE TRIGGER responses_follow_up_amend AFTER UPDATE OF polarity ON responses
WHEN NEW.polarity = -1 AND OLD.polarity <> -1 AND NEW.is_test = 0 AND NEW.channel <> 'import'
BEGIN
  INSERT INTO follow_ups
    (response_id, project_id, survey_id, created_at, due_at, updated_at)
  SELECT NEW.id, NEW.project_id, NEW.survey_id, NEW.updated_at,
    strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at, '+48 hours'), NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM follow_ups WHERE response_id = NEW.id);
END;

-- A re-ask's answer (schema/follow-up.ts: its ref is the first answer's id, by the email link of
-- the 'reask' send) closes the question "did we fix it?": recovered when its polarity is higher.
CREATE TRIGGER responses_follow_up_reask AFTER INSERT ON responses
WHEN NEW.ref IS NOT NULL AND NEW.is_test = 0
BEGIN
  UPDATE follow_ups SET
    reask_response_id = NEW.id,
    recovered_at = iif(NEW.polarity > -1, NEW.created_at, NULL),
    updated_at = NEW.created_at
  WHERE response_id = NEW.ref AND project_id = NEW.project_id AND survey_id = NEW.survey_id
    AND reask_send_id IS NOT NULL AND reask_response_id IS NULL
    AND state = 'resolved' AND NEW.id <> NEW.ref;
END;

-- Each change of a follow-up: who (context.ts actorLabel), when, to what. The note is the
-- manager's text; it goes with the answer when the answer is erased.
CREATE TABLE follow_up_events (
  id TEXT PRIMARY KEY,
  response_id TEXT NOT NULL REFERENCES follow_ups(response_id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  -- What changed: 'state' (with state and via), 'owner', 'note', 'escalated', 'reask'.
  change TEXT NOT NULL,
  state TEXT,
  via TEXT,
  owner_id TEXT,
  note TEXT
);
CREATE INDEX follow_up_events_response ON follow_up_events(response_id, at);

-- Escalation steps taken: the primary key makes each step happen once, whatever runs twice.
-- Step 1 tells the owner (or the admins when nobody owns it), step 2 the admins.
CREATE TABLE follow_up_escalations (
  response_id TEXT NOT NULL REFERENCES follow_ups(response_id) ON DELETE CASCADE,
  step INTEGER NOT NULL CHECK (step IN (1, 2)),
  project_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (response_id, step)
);

-- A step's webhook and Slack alerts go out through the outbox (0008), in the statement that
-- records the step: exactly once per step, retried by the delivery machinery.
CREATE TRIGGER follow_up_escalations_webhook AFTER INSERT ON follow_up_escalations
BEGIN
  INSERT INTO webhook_deliveries (id, project_id, endpoint_id, event_type, response_id, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(16))), e.project_id, e.id, 'followup.overdue', NEW.response_id,
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM webhook_endpoints AS e, responses AS r
  WHERE r.id = NEW.response_id AND e.project_id = NEW.project_id AND e.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'followup.overdue')
    AND (e.categories IS NULL OR EXISTS (SELECT 1 FROM json_each(e.categories) WHERE value = r.category))
    AND (e.touchpoints IS NULL OR EXISTS (SELECT 1 FROM json_each(e.touchpoints) WHERE value = r.touchpoint))
    AND (e.survey_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(e.survey_ids) WHERE value = r.survey_id));
END;

-- Who did what and when. `detail` holds ids and counts, never an address, name or note, so that
-- erasing a customer leaves the entry with nothing personal in it.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
);
CREATE INDEX audit_log_project_at ON audit_log(project_id, at, id);

-- Admins who asked for the weekly digest, and the weeks already sent (once per project and week).
CREATE TABLE digest_subscriptions (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE TABLE digest_runs (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  week TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (project_id, week)
);
