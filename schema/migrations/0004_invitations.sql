-- Survey links for support tools. The signed token in the URL names a row here, so the ticket
-- ref, customer id, email and properties never travel in the link itself (mail scanners, logs).
CREATE TABLE invitations (
  id TEXT PRIMARY KEY, -- 32 hex characters: the 16 random bytes inside the token
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  touchpoint TEXT NOT NULL,
  ref TEXT NOT NULL,
  customer_id TEXT,
  email TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  locale TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- Erasing a customer (GDPR) must reach their invitations too.
CREATE INDEX invitations_project_customer ON invitations(project_id, customer_id)
  WHERE customer_id IS NOT NULL;
-- Expired invitations can be purged in expiry order.
CREATE INDEX invitations_expires ON invitations(expires_at);
