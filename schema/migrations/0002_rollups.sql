-- Rollups for GET /v1/metrics, kept exact by triggers on `responses`, so every write path
-- (live answer, retry, a later answer for the same ref, import, test flag, erasure) updates
-- them in the same statement, hence the same transaction, as the answer itself.
--
-- A bucket holds the Tally of schema/scoring.ts: total, positive, neutral, negative, score_sum.
-- Polarity comes from the stored `category`, which schema/scoring.ts `classify` computed.
-- Only answers with is_test = 0 count. Buckets are UTC days: substr(answered_at, 1, 10).
-- A missing touchpoint is '' here (a primary key column cannot hold NULL usefully); the API shows null.
-- Buckets whose total falls to 0 are deleted, so reads stay proportional to non-empty buckets.
--
-- Splitter note: wrangler (and readD1Migrations) split this file on ';' except inside
-- BEGIN … END, and only an upper-case END followed by ';' or whitespace closes the block.
-- The bodies therefore use iif() instead of CASE … END.

CREATE TABLE rollup_days (
  survey_id TEXT NOT NULL,
  day TEXT NOT NULL,
  touchpoint TEXT NOT NULL,
  total INTEGER NOT NULL,
  positive INTEGER NOT NULL,
  neutral INTEGER NOT NULL,
  negative INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  PRIMARY KEY (survey_id, day, touchpoint)
) WITHOUT ROWID;

-- Per value of the survey's segment keys (surveys.segment_keys, e.g. segment, plan, country).
-- Values are text: strings as given, booleans 'true'/'false', numbers in SQLite's text form.
CREATE TABLE rollup_properties (
  survey_id TEXT NOT NULL,
  key TEXT NOT NULL,
  day TEXT NOT NULL,
  touchpoint TEXT NOT NULL,
  value TEXT NOT NULL,
  total INTEGER NOT NULL,
  positive INTEGER NOT NULL,
  neutral INTEGER NOT NULL,
  negative INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  PRIMARY KEY (survey_id, key, day, touchpoint, value)
) WITHOUT ROWID;

CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
WHEN NEW.is_test = 0
BEGIN
  INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum)
  VALUES (NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), 1,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score)
  ON CONFLICT DO UPDATE SET total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value, total, positive, neutral, negative, score_sum)
  SELECT NEW.survey_id, p.key, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''),
    iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)), 1,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score
  FROM json_each(NEW.properties) AS p
  WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = NEW.survey_id)))
  ON CONFLICT DO UPDATE SET total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum;
END;

CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses
WHEN OLD.is_test = 0
BEGIN
  UPDATE rollup_days SET total = total - 1,
    positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - OLD.score
  WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '');
  DELETE FROM rollup_days WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
  UPDATE rollup_properties SET total = total - 1,
    positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - OLD.score
  WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '')
    AND (key, value) IN (
      SELECT p.key, iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT))
      FROM json_each(OLD.properties) AS p
      WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = OLD.survey_id))));
  DELETE FROM rollup_properties WHERE survey_id = OLD.survey_id
    AND key IN (SELECT p.key FROM json_each(OLD.properties) AS p)
    AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
END;

-- A changed answer (a later score for the same ref, the test flag, …) leaves its old buckets
-- and joins its new ones. The WHEN clause skips updates that change nothing a rollup holds.
CREATE TRIGGER responses_rollup_update AFTER UPDATE OF score, category, is_test, touchpoint, answered_at, properties, survey_id ON responses
WHEN (OLD.is_test = 0 OR NEW.is_test = 0) AND (
  OLD.is_test IS NOT NEW.is_test OR OLD.score IS NOT NEW.score OR OLD.category IS NOT NEW.category
  OR OLD.touchpoint IS NOT NEW.touchpoint OR substr(OLD.answered_at, 1, 10) IS NOT substr(NEW.answered_at, 1, 10)
  OR OLD.properties IS NOT NEW.properties OR OLD.survey_id IS NOT NEW.survey_id)
BEGIN
  UPDATE rollup_days SET total = total - 1,
    positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - OLD.score
  WHERE OLD.is_test = 0 AND survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '');
  UPDATE rollup_properties SET total = total - 1,
    positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - OLD.score
  WHERE OLD.is_test = 0 AND survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '')
    AND (key, value) IN (
      SELECT p.key, iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT))
      FROM json_each(OLD.properties) AS p
      WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = OLD.survey_id))));
  INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum)
  SELECT NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), 1,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score
  WHERE NEW.is_test = 0
  ON CONFLICT DO UPDATE SET total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value, total, positive, neutral, negative, score_sum)
  SELECT NEW.survey_id, p.key, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''),
    iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)), 1,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score
  FROM json_each(NEW.properties) AS p
  WHERE NEW.is_test = 0
    AND p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = NEW.survey_id)))
  ON CONFLICT DO UPDATE SET total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum;
  DELETE FROM rollup_days WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
  DELETE FROM rollup_properties WHERE survey_id = OLD.survey_id
    AND key IN (SELECT p.key FROM json_each(OLD.properties) AS p)
    AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
END;

-- Changing a survey's segment keys rebuilds its property rollups from the answers, so a key
-- added later covers the history too. This reads every answer of that survey once.
CREATE TRIGGER surveys_segment_keys_rebuild AFTER UPDATE OF segment_keys ON surveys
WHEN OLD.segment_keys IS NOT NEW.segment_keys
BEGIN
  DELETE FROM rollup_properties WHERE survey_id = NEW.id;
  INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value, total, positive, neutral, negative, score_sum)
  SELECT r.survey_id, p.key, substr(r.answered_at, 1, 10), coalesce(r.touchpoint, ''),
    iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)), count(*),
    sum(r.category IN ('promoter', 'easy', 'satisfied')), sum(r.category IN ('passive', 'neutral')),
    sum(r.category IN ('detractor', 'difficult', 'unsatisfied')), sum(r.score)
  FROM responses AS r, json_each(r.properties) AS p
  WHERE r.survey_id = NEW.id AND r.is_test = 0
    AND p.key IN (SELECT value FROM json_each(NEW.segment_keys))
  GROUP BY 1, 2, 3, 4, 5;
END;
