-- The email channel from a scheduled send onwards (SPEC.md "Email channel"): the lease that lets
-- one cron run and one queue consumer at a time take a due send, the message as it was sent, a
-- suppression list of hashed addresses, and the fatigue cap (cooldown) across every channel.

-- Who holds a due send: the cron sets lease_until when it enqueues the send (a lost message is
-- enqueued again after it), a consumer sets lease_token while it renders and mails, and only the
-- holder of the token may mark it sent. attempts counts the mailer's refusals (retry backoff).
ALTER TABLE email_sends ADD COLUMN lease_until TEXT;
ALTER TABLE email_sends ADD COLUMN lease_token TEXT;
ALTER TABLE email_sends ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- A reminder's link is its first send's: the cancel-on-answer update finds both by it.
CREATE INDEX email_sends_invitation ON email_sends(invitation_id) WHERE invitation_id IS NOT NULL;
CREATE INDEX email_sends_project_created ON email_sends(project_id, created_at, id);

-- The message as handed to the mailer (GET /v1/email/sends/:id, the local mail view). Personal
-- data (the address, its links): erasure deletes it with the send's address.
CREATE TABLE email_messages (
  send_id TEXT PRIMARY KEY REFERENCES email_sends(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  headers TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX email_messages_created ON email_messages(created_at);

-- Addresses that must never be mailed, per project, as HMACs of the normalised address
-- (worker/lib/email-address.ts): the list itself holds no address.
CREATE TABLE suppressions (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  email_hash TEXT NOT NULL,
  -- erased: the person asked to be forgotten (DELETE /v1/customers/…): only the hash stays.
  reason TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'imported', 'erased')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (project_id, email_hash)
);
CREATE INDEX suppressions_project_created ON suppressions(project_id, created_at);

-- The fatigue cap: nobody is asked twice within cooldown_days, whatever the survey or channel.
ALTER TABLE projects ADD COLUMN cooldown_days INTEGER NOT NULL DEFAULT 14
  CHECK (cooldown_days BETWEEN 0 AND 365);
-- The survey emails' Reply-To (the company's support address); NULL: no Reply-To header.
ALTER TABLE projects ADD COLUMN email_reply_to TEXT;
-- A survey's own cooldown; NULL: the project's.
ALTER TABLE surveys ADD COLUMN cooldown_days INTEGER CHECK (cooldown_days BETWEEN 0 AND 365);
-- The ledger's check by address (the guarded insert) uses invitations_project_email (0006).
