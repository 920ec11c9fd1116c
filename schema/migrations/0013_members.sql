-- People and their roles per project (SPEC.md "Accounts and roles"). Global rows: they live in
-- the control database once tenants spread over several databases (SPEC.md "Cloud and scale").
-- Sign-in (passwords, passkeys, OpenID Connect) adds its own tables in a later migration.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  -- Stored as given; compared without case (an address's local part is case-sensitive in
  -- RFC 5321, but no mail provider in use treats it so, and two accounts for one inbox help no one).
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE memberships (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  -- schema/roles.ts MemberLimits as JSON; NULL: no limit.
  limits TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);
