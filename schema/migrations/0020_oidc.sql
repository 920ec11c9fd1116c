-- A project's OpenID Connect provider for single sign-on (SPEC.md "Accounts and roles": free, no
-- tier). One per project, in the control database beside users and memberships. The client
-- secret is sealed under ENCRYPTION_KEY (worker/lib/secret-box.ts) and never read back by the API.
CREATE TABLE oidc_providers (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  -- The Issuer Identifier: discovery reads <issuer>/.well-known/openid-configuration and the ID
  -- token's `iss` must equal it (OpenID Connect Discovery 1.0 §4.3).
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret_sealed TEXT NOT NULL,
  -- Shown on the sign-in button ("Sign in with <display_name>").
  display_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
