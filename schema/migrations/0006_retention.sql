-- Privacy that runs by itself: a per-project retention period after which the daily cron
-- anonymises answers (worker/services/retention.ts), and indexes for erasure by email.

-- Days after which an answer's personal fields are cleared; NULL keeps answers as they are.
ALTER TABLE projects ADD COLUMN retention_days INTEGER CHECK (retention_days BETWEEN 1 AND 3650);

-- When the cron anonymised the answer; NULL while it still holds its personal fields.
ALTER TABLE responses ADD COLUMN anonymized_at TEXT;

-- The cron's work list: answers not yet anonymised, by project and age. An answer leaves this
-- index once anonymised, so each run reads only what is left to do.
CREATE INDEX responses_retention ON responses(project_id, answered_at)
  WHERE anonymized_at IS NULL;

-- Erasure by email (DELETE /v1/customers?email=) reads only the rows that carry one. Addresses
-- are stored as given and matched without regard to (ASCII) case: lower(email) = lower(?).
CREATE INDEX responses_project_email ON responses(project_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX invitations_project_email ON invitations(project_id, lower(email))
  WHERE email IS NOT NULL;
