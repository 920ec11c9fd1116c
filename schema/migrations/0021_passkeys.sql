-- Passkeys (WebAuthn) for people (SPEC.md "Accounts and roles"): a second way to sign in besides the
-- password, made and listed on the Account page. Global rows (control database), like users.
-- https://www.w3.org/TR/webauthn-3/#sctn-rp-operations

CREATE TABLE passkeys (
  -- Public id for "your passkeys" (list and remove); the credential id can be 1023 bytes long.
  id TEXT PRIMARY KEY,
  -- base64url, as the browser reports it; what an assertion names (discoverable sign-in).
  credential_id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- base64url of the COSE public key: public, not a secret.
  public_key TEXT NOT NULL,
  -- The authenticator's signature counter (0 for most passkeys, which do not count): a counter that
  -- does not grow is refused (https://www.w3.org/TR/webauthn-3/#sctn-sign-counter).
  counter INTEGER NOT NULL DEFAULT 0,
  -- JSON array of AuthenticatorTransport ("internal", "hybrid", …): hints for the browser.
  transports TEXT NOT NULL DEFAULT '[]',
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX passkeys_user ON passkeys(user_id);

-- A ceremony's challenge, single use and short-lived. Kept here rather than in a signed cookie:
-- a cookie cannot be used up, so the same signed answer and cookie could be replayed until expiry;
-- a row is deleted as it is used (DELETE … RETURNING), so each challenge verifies at most once.
-- Stored as SHA-256, like every other value a browser holds.
CREATE TABLE passkey_challenges (
  hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'sign-in')),
  -- Who asked to register; NULL for sign-in (the passkey itself names its person).
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL
);
CREATE INDEX passkey_challenges_expires ON passkey_challenges(expires_at);
