-- What puts survey emails on the schedule (SPEC.md "Email channel"): rules that turn a business
-- event into a send, people, and relationship programs that ask each person every N days.
-- Every send they make goes through worker/email/schedule.ts into email_sends (0014).

-- The time zone a send window falls back to when the person's is unknown (IANA name).
ALTER TABLE projects ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Copenhagen';

-- event type → survey, delay and send window (JSON, schema/send-window.ts).
CREATE TABLE email_rules (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  delay_minutes INTEGER NOT NULL CHECK (delay_minutes >= 0),
  window TEXT NOT NULL,
  reminder_after_days INTEGER NOT NULL DEFAULT 3 CHECK (reminder_after_days BETWEEN 0 AND 30),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX email_rules_project_event ON email_rules(project_id, event_type);

-- The people a program asks. Personal data: erased with the customer (worker/services/erasure.ts).
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  -- HMAC of the normalised address (worker/lib/email-address.ts): one person per address.
  email_hash TEXT NOT NULL,
  customer_id TEXT,
  name TEXT,
  locale TEXT,
  time_zone TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (project_id, email_hash)
);
CREATE INDEX people_project_customer ON people(project_id, customer_id) WHERE customer_id IS NOT NULL;

-- A relationship program: every person of the project, asked every every_days days, at most
-- daily_cap sends a day, on the window's weekday mornings in each person's time zone.
-- plan_day/plan_count: the UTC day the cron is planning and how many sends it holds so far.
CREATE TABLE email_programs (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL,
  every_days INTEGER NOT NULL CHECK (every_days IN (90, 180, 365)),
  daily_cap INTEGER NOT NULL CHECK (daily_cap > 0),
  window TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
  plan_day TEXT NOT NULL,
  plan_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX email_programs_active ON email_programs(plan_day) WHERE state = 'active';
CREATE INDEX email_programs_project ON email_programs(project_id);

-- Each person's place in each program: when they are next due, which cycle, and the send last
-- planned (a pause puts the person back to their earlier due date when it cancels that send).
CREATE TABLE email_program_people (
  program_id TEXT NOT NULL REFERENCES email_programs(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  due_at TEXT NOT NULL,
  cycle INTEGER NOT NULL DEFAULT 0,
  send_id TEXT,
  previous_due_at TEXT,
  PRIMARY KEY (program_id, person_id)
);
CREATE INDEX email_program_people_due ON email_program_people(program_id, due_at);
