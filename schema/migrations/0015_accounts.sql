-- Sign-in for people (SPEC.md "Accounts and roles"): passwords, per-user sessions, password reset
-- links and invitations to a project. Global rows (control database), like users and memberships.
-- Every secret a browser holds (session id, reset or invitation token) is stored only as SHA-256.

-- scrypt, self-describing (worker/lib/password.ts); NULL: the person has no password (yet).
ALTER TABLE users ADD COLUMN password_hash TEXT;

CREATE TABLE user_sessions (
  hash TEXT PRIMARY KEY,
  -- Public id for "your sessions" (list and revoke) without revealing the cookie's hash.
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  -- Sliding: moved to now + TTL when used (at most every few minutes).
  expires_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  -- The browser's own description, shortened, so a person can tell their sessions apart.
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_sessions_user ON user_sessions(user_id);
CREATE INDEX user_sessions_expires ON user_sessions(expires_at);

-- Single use (used_at) and short-lived (expires_at).
CREATE TABLE password_resets (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- An invitation to join a project with a role: single use, expiring, revocable.
CREATE TABLE member_invites (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  limits TEXT,
  -- actorLabel of who invited (worker/context.ts): "user:usr_…" or "key:full".
  invited_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX member_invites_project ON member_invites(project_id, created_at);
