-- Displays of the widget: feed the response rate and, for known customers, the contact ledger
-- behind the throttle (with responses). No IP address, no user agent.
CREATE TABLE impressions (
  id TEXT NOT NULL, -- the client's UUID of one display: retries reuse it
  type TEXT NOT NULL CHECK (type IN ('shown', 'dismissed')),
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  touchpoint TEXT,
  customer_id TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (id, type)
);
-- Response rate per survey over time.
CREATE INDEX impressions_survey_created ON impressions(survey_id, type, created_at);
-- Eligibility: the last dismissal of a customer in a project.
CREATE INDEX impressions_project_customer ON impressions(project_id, customer_id, type, created_at)
  WHERE customer_id IS NOT NULL;
