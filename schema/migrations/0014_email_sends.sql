-- The email channel's schedule (SPEC.md "Email channel"): one row per send, from the moment a
-- rule, a program or a closed-loop re-ask decides it until it is sent, answered or dropped with
-- its reason. The cron reads due rows through email_sends_due in bounded chunks; the unique key
-- makes every scheduler exactly-once (the same event twice, a retried call, two isolates).
CREATE TABLE email_sends (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('event', 'program', 'reask')),
  kind TEXT NOT NULL DEFAULT 'survey' CHECK (kind IN ('survey', 'reminder')),
  dedupe_key TEXT NOT NULL,
  -- Personal data: emptied by erasure (the row stays, state skipped, reason 'erased').
  email TEXT NOT NULL,
  -- HMAC of the normalised address under the project's link secret (worker/lib/email-address.ts):
  -- erasure and the suppression check find a person's sends without the address.
  email_hash TEXT NOT NULL,
  customer_id TEXT,
  ref TEXT,
  locale TEXT,
  time_zone TEXT,
  state TEXT NOT NULL DEFAULT 'scheduled'
    CHECK (state IN ('scheduled', 'sent', 'answered', 'suppressed', 'skipped', 'cancelled', 'failed')),
  reason TEXT,
  scheduled_for TEXT NOT NULL,
  sent_at TEXT,
  -- Days after the send to remind a person who has not answered; 0: no reminder (one at most).
  reminder_after_days INTEGER NOT NULL DEFAULT 3 CHECK (reminder_after_days BETWEEN 0 AND 30),
  -- The survey link made for this send (invitations.id), set when it is sent.
  invitation_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, dedupe_key, kind)
);
CREATE INDEX email_sends_due ON email_sends(scheduled_for) WHERE state = 'scheduled';
CREATE INDEX email_sends_project_state ON email_sends(project_id, state, scheduled_for);
CREATE INDEX email_sends_project_email ON email_sends(project_id, email_hash);
