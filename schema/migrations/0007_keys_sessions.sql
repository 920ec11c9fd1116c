-- Dashboard sign-in: named API keys with a scope, and sessions made from them.
-- A read key (rk_…) reads everything and changes nothing; a full key (sk_…) does both.

-- A stable, shareable id for revoking a key (the hash is the lookup key, never shown).
ALTER TABLE api_keys ADD COLUMN id TEXT;
ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('read', 'full'));
-- Updated at most every few minutes (worker/middleware/auth.ts), not on every call.
ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;

UPDATE api_keys SET
  id = 'key_' || lower(hex(randomblob(10))),
  name = CASE kind WHEN 'publishable' THEN 'Publishable key' ELSE 'Secret key' END;
CREATE UNIQUE INDEX api_keys_id ON api_keys(id);
-- A key inserted without an id (an older code path) still gets one, so it can be revoked.
CREATE TRIGGER api_keys_default_id AFTER INSERT ON api_keys WHEN NEW.id IS NULL
BEGIN
  UPDATE api_keys SET id = 'key_' || lower(hex(randomblob(10))) WHERE hash = NEW.hash;
END;

-- Dashboard sessions. The cookie holds a random id; only its SHA-256 is stored. The session's
-- scope and project come from its key at every lookup, so revoking the key ends it at once.
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL REFERENCES api_keys(hash) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  -- Sliding: moved to now + 12 h when the session is used (at most every few minutes).
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_key ON sessions(key_hash);
CREATE INDEX sessions_expires ON sessions(expires_at);
