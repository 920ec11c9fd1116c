-- Proofs behind public answers (issue 8): who may change an answer, and whose contacts count in
-- the contact ledger (eligibility).

-- SHA-256 (hex) of the edit token of a widget answer: PATCH /v1/public/responses/:id and a retried
-- POST need the token. Link, API and imported answers have none: never publicly editable.
ALTER TABLE responses ADD COLUMN edit_token_hash TEXT;

-- 1 when customer_id was proven: a valid customerHash, a survey link's token, or a secret-key
-- caller (import). Only such answers replace another for the same (survey, customer, ref), and
-- only they enter the contact ledger.
ALTER TABLE responses ADD COLUMN customer_verified INTEGER NOT NULL DEFAULT 0;

-- Existing answers: links and imports came from the project's server; in projects that require
-- signed identity every widget customerId was signed. Other widget answers cannot be told apart,
-- so they leave the ledger (a customer may be asked once more on another device; the browser
-- throttle still holds on the device that answered).
UPDATE responses SET customer_verified = 1
WHERE customer_id IS NOT NULL AND (channel <> 'widget'
  OR project_id IN (SELECT id FROM projects WHERE require_signed_identity = 1));

-- Impressions keep a customer only when it was signed (their customer_id serves the ledger
-- alone). Earlier unsigned ones cannot be told apart from signed ones outside such projects.
UPDATE impressions SET customer_id = NULL
WHERE customer_id IS NOT NULL
  AND project_id NOT IN (SELECT id FROM projects WHERE require_signed_identity = 1);
