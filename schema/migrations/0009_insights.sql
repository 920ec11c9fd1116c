-- Insights (issue 12) and the bounded property-rollup rebuild (issue 8, item 7).
--
-- 1. Per-score counts (s0 … s10) in both rollups: the distribution, and the variances of the
--    comparisons, come from buckets. Answers per channel (widget, link) and the widget's `shown`
--    impressions and the link invitations per survey × UTC day × touchpoint give the response
--    rates. A bucket is deleted only when every counter in it is 0.
-- 2. Term rollups for GET /v1/themes: per survey × UTC day × touchpoint × term, one counter per
--    polarity (columns, so a bucket is one row whatever the polarities in it), with the latest
--    answer of each polarity as an example. The terms of an answer are computed by the worker
--    (worker/lib/terms.ts, Intl.Segmenter) and stored in responses.terms as a JSON array. Triggers
--    keep the rollup exact on every write, the term '' counts the answers that have terms.
--    Clearing a reason (anonymisation) clears its terms, so the rollup follows by itself.
-- 3. Changing a survey's segment keys no longer rebuilds its property rollups in one statement.
--    It empties them and sets a cursor (props_rebuild_at, props_rebuild_id) on the survey, and the
--    worker then adds the answers in (created_at, id) order, at most 10,000 per statement
--    (worker/db/rebuild.ts). Until the cursor is NULL, the triggers maintain the property rollups
--    only for answers at or before the cursor, so no answer is counted twice or missed.
-- 4. A covering index for GET /v1/journeys: a window of a project's customer answers is a range.
--
-- Splitter note (see 0002): bodies use iif() instead of CASE, and comments avoid semicolons.

DROP TRIGGER responses_rollup_insert;
DROP TRIGGER responses_rollup_delete;
DROP TRIGGER responses_rollup_update;
DROP TRIGGER surveys_segment_keys_rebuild;

ALTER TABLE responses ADD COLUMN terms TEXT;
ALTER TABLE surveys ADD COLUMN props_rebuild_at TEXT;
ALTER TABLE surveys ADD COLUMN props_rebuild_id TEXT;
ALTER TABLE rollup_days ADD COLUMN widget INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN link INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN invited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s9 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_days ADD COLUMN s10 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s9 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_properties ADD COLUMN s10 INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rollup_terms (
  survey_id TEXT NOT NULL,
  day TEXT NOT NULL,
  touchpoint TEXT NOT NULL,
  term TEXT NOT NULL,
  positive INTEGER NOT NULL,
  neutral INTEGER NOT NULL,
  negative INTEGER NOT NULL,
  example_positive TEXT,
  example_neutral TEXT,
  example_negative TEXT,
  PRIMARY KEY (survey_id, day, touchpoint, term)
) WITHOUT ROWID;

CREATE INDEX responses_project_journey
  ON responses(project_id, answered_at, customer_id, touchpoint, category, survey_id, id)
  WHERE customer_id IS NOT NULL AND is_test = 0;

-- Existing data: recount the day rollups with the new columns (one pass, at deploy time), and
-- let the chunked rebuild refill the property rollups.
DELETE FROM rollup_days;
INSERT INTO rollup_days (survey_id, day, touchpoint,
  total, positive, neutral, negative, score_sum, widget, link, s0, s1, s2, s3, s4, s5, s6, s7, s8,
  s9, s10)
SELECT r.survey_id, substr(r.answered_at, 1, 10), coalesce(r.touchpoint, ''),
  count(*), sum(r.category IN ('promoter', 'easy', 'satisfied')),
  sum(r.category IN ('passive', 'neutral')),
  sum(r.category IN ('detractor', 'difficult', 'unsatisfied')), sum(r.score),
  sum(r.channel = 'widget'), sum(r.channel = 'link'), sum(r.score = 0), sum(r.score = 1),
  sum(r.score = 2), sum(r.score = 3), sum(r.score = 4), sum(r.score = 5), sum(r.score = 6),
  sum(r.score = 7), sum(r.score = 8), sum(r.score = 9), sum(r.score = 10)
FROM responses AS r WHERE r.is_test = 0
GROUP BY 1, 2, 3;
INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum, shown)
SELECT survey_id, substr(created_at, 1, 10), coalesce(touchpoint, ''), 0, 0, 0, 0, 0, count(*)
FROM impressions WHERE type = 'shown' GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET shown = excluded.shown;
INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum, invited)
SELECT survey_id, substr(created_at, 1, 10), touchpoint, 0, 0, 0, 0, 0, count(*)
FROM invitations WHERE true GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET invited = excluded.invited;
DELETE FROM rollup_properties;
UPDATE surveys SET props_rebuild_at = '', props_rebuild_id = '' WHERE segment_keys <> '[]';

CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
WHEN NEW.is_test = 0
BEGIN
  INSERT INTO rollup_days (survey_id, day, touchpoint,
    total, positive, neutral, negative, score_sum, widget, link, s0, s1, s2, s3, s4, s5, s6, s7, s8,
    s9, s10)
  SELECT NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''),
    1, NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score, NEW.channel = 'widget',
    NEW.channel = 'link', NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4,
    NEW.score = 5, NEW.score = 6, NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10
  WHERE true
  ON CONFLICT DO UPDATE SET
    total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum, widget = widget + excluded.widget,
    link = link + excluded.link, s0 = s0 + excluded.s0, s1 = s1 + excluded.s1,
    s2 = s2 + excluded.s2, s3 = s3 + excluded.s3, s4 = s4 + excluded.s4, s5 = s5 + excluded.s5,
    s6 = s6 + excluded.s6, s7 = s7 + excluded.s7, s8 = s8 + excluded.s8, s9 = s9 + excluded.s9,
    s10 = s10 + excluded.s10;
  INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value,
    total, positive, neutral, negative, score_sum, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
  SELECT NEW.survey_id, p.key, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)),
    1, NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score, NEW.score = 0,
    NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4, NEW.score = 5, NEW.score = 6,
    NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10
  FROM json_each(NEW.properties) AS p
  WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = NEW.survey_id)))
    AND (SELECT s.props_rebuild_at IS NULL OR (NEW.created_at, NEW.id) <= (s.props_rebuild_at, s.props_rebuild_id)
      FROM surveys AS s WHERE s.id = NEW.survey_id)
  ON CONFLICT DO UPDATE SET
    total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum, s0 = s0 + excluded.s0, s1 = s1 + excluded.s1,
    s2 = s2 + excluded.s2, s3 = s3 + excluded.s3, s4 = s4 + excluded.s4, s5 = s5 + excluded.s5,
    s6 = s6 + excluded.s6, s7 = s7 + excluded.s7, s8 = s8 + excluded.s8, s9 = s9 + excluded.s9,
    s10 = s10 + excluded.s10;
END;

CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses
WHEN OLD.is_test = 0
BEGIN
  UPDATE rollup_days SET
    total = total - 1, positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - (OLD.score), widget = widget - (OLD.channel = 'widget'),
    link = link - (OLD.channel = 'link'), s0 = s0 - (OLD.score = 0), s1 = s1 - (OLD.score = 1),
    s2 = s2 - (OLD.score = 2), s3 = s3 - (OLD.score = 3), s4 = s4 - (OLD.score = 4),
    s5 = s5 - (OLD.score = 5), s6 = s6 - (OLD.score = 6), s7 = s7 - (OLD.score = 7),
    s8 = s8 - (OLD.score = 8), s9 = s9 - (OLD.score = 9), s10 = s10 - (OLD.score = 10)
  WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '');
  DELETE FROM rollup_days WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0 AND shown = 0 AND invited = 0;
  UPDATE rollup_properties SET
    total = total - 1, positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - (OLD.score), s0 = s0 - (OLD.score = 0), s1 = s1 - (OLD.score = 1),
    s2 = s2 - (OLD.score = 2), s3 = s3 - (OLD.score = 3), s4 = s4 - (OLD.score = 4),
    s5 = s5 - (OLD.score = 5), s6 = s6 - (OLD.score = 6), s7 = s7 - (OLD.score = 7),
    s8 = s8 - (OLD.score = 8), s9 = s9 - (OLD.score = 9), s10 = s10 - (OLD.score = 10)
  WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND (key, value) IN (SELECT p.key, iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)) FROM json_each(OLD.properties) AS p
      WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = OLD.survey_id))))
    AND (SELECT s.props_rebuild_at IS NULL OR (OLD.created_at, OLD.id) <= (s.props_rebuild_at, s.props_rebuild_id)
      FROM surveys AS s WHERE s.id = OLD.survey_id);
  DELETE FROM rollup_properties WHERE survey_id = OLD.survey_id
    AND key IN (SELECT p.key FROM json_each(OLD.properties) AS p)
    AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
END;

-- A changed answer leaves its old buckets and joins its new ones. The WHEN clause skips updates
-- that change nothing a rollup holds.
CREATE TRIGGER responses_rollup_update AFTER UPDATE OF score, category, is_test, touchpoint, answered_at, properties, survey_id, channel ON responses
WHEN (OLD.is_test = 0 OR NEW.is_test = 0) AND (
  OLD.is_test IS NOT NEW.is_test OR OLD.score IS NOT NEW.score OR OLD.category IS NOT NEW.category
  OR OLD.touchpoint IS NOT NEW.touchpoint OR substr(OLD.answered_at, 1, 10) IS NOT substr(NEW.answered_at, 1, 10)
  OR OLD.properties IS NOT NEW.properties OR OLD.survey_id IS NOT NEW.survey_id
  OR OLD.channel IS NOT NEW.channel)
BEGIN
  UPDATE rollup_days SET
    total = total - 1, positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - (OLD.score), widget = widget - (OLD.channel = 'widget'),
    link = link - (OLD.channel = 'link'), s0 = s0 - (OLD.score = 0), s1 = s1 - (OLD.score = 1),
    s2 = s2 - (OLD.score = 2), s3 = s3 - (OLD.score = 3), s4 = s4 - (OLD.score = 4),
    s5 = s5 - (OLD.score = 5), s6 = s6 - (OLD.score = 6), s7 = s7 - (OLD.score = 7),
    s8 = s8 - (OLD.score = 8), s9 = s9 - (OLD.score = 9), s10 = s10 - (OLD.score = 10)
  WHERE OLD.is_test = 0 AND survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '');
  UPDATE rollup_properties SET
    total = total - 1, positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    score_sum = score_sum - (OLD.score), s0 = s0 - (OLD.score = 0), s1 = s1 - (OLD.score = 1),
    s2 = s2 - (OLD.score = 2), s3 = s3 - (OLD.score = 3), s4 = s4 - (OLD.score = 4),
    s5 = s5 - (OLD.score = 5), s6 = s6 - (OLD.score = 6), s7 = s7 - (OLD.score = 7),
    s8 = s8 - (OLD.score = 8), s9 = s9 - (OLD.score = 9), s10 = s10 - (OLD.score = 10)
  WHERE OLD.is_test = 0 AND survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND (key, value) IN (SELECT p.key, iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)) FROM json_each(OLD.properties) AS p
      WHERE p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = OLD.survey_id))))
    AND (SELECT s.props_rebuild_at IS NULL OR (OLD.created_at, OLD.id) <= (s.props_rebuild_at, s.props_rebuild_id)
      FROM surveys AS s WHERE s.id = OLD.survey_id);
  INSERT INTO rollup_days (survey_id, day, touchpoint,
    total, positive, neutral, negative, score_sum, widget, link, s0, s1, s2, s3, s4, s5, s6, s7, s8,
    s9, s10)
  SELECT NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''),
    1, NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score, NEW.channel = 'widget',
    NEW.channel = 'link', NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4,
    NEW.score = 5, NEW.score = 6, NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10
  WHERE NEW.is_test = 0
  ON CONFLICT DO UPDATE SET
    total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum, widget = widget + excluded.widget,
    link = link + excluded.link, s0 = s0 + excluded.s0, s1 = s1 + excluded.s1,
    s2 = s2 + excluded.s2, s3 = s3 + excluded.s3, s4 = s4 + excluded.s4, s5 = s5 + excluded.s5,
    s6 = s6 + excluded.s6, s7 = s7 + excluded.s7, s8 = s8 + excluded.s8, s9 = s9 + excluded.s9,
    s10 = s10 + excluded.s10;
  INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value,
    total, positive, neutral, negative, score_sum, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
  SELECT NEW.survey_id, p.key, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT)),
    1, NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.score, NEW.score = 0,
    NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4, NEW.score = 5, NEW.score = 6,
    NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10
  FROM json_each(NEW.properties) AS p
  WHERE NEW.is_test = 0
    AND p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = NEW.survey_id)))
    AND (SELECT s.props_rebuild_at IS NULL OR (NEW.created_at, NEW.id) <= (s.props_rebuild_at, s.props_rebuild_id)
      FROM surveys AS s WHERE s.id = NEW.survey_id)
  ON CONFLICT DO UPDATE SET
    total = total + excluded.total, positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    score_sum = score_sum + excluded.score_sum, s0 = s0 + excluded.s0, s1 = s1 + excluded.s1,
    s2 = s2 + excluded.s2, s3 = s3 + excluded.s3, s4 = s4 + excluded.s4, s5 = s5 + excluded.s5,
    s6 = s6 + excluded.s6, s7 = s7 + excluded.s7, s8 = s8 + excluded.s8, s9 = s9 + excluded.s9,
    s10 = s10 + excluded.s10;
  DELETE FROM rollup_days WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10)
    AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0 AND shown = 0 AND invited = 0;
  DELETE FROM rollup_properties WHERE survey_id = OLD.survey_id
    AND key IN (SELECT p.key FROM json_each(OLD.properties) AS p)
    AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '') AND total = 0;
END;

CREATE TRIGGER responses_terms_insert AFTER INSERT ON responses
WHEN NEW.is_test = 0 AND NEW.terms IS NOT NULL
BEGIN
  INSERT INTO rollup_terms (survey_id, day, touchpoint, term, positive, neutral, negative,
    example_positive, example_neutral, example_negative)
  SELECT NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), t.value,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'),
    iif(NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.id, NULL), iif(NEW.category IN ('passive', 'neutral'), NEW.id, NULL),
    iif(NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.id, NULL)
  FROM json_each(json_insert(NEW.terms, '$[#]', '')) AS t
  WHERE true
  ON CONFLICT DO UPDATE SET positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    example_positive = coalesce(excluded.example_positive, example_positive),
    example_neutral = coalesce(excluded.example_neutral, example_neutral),
    example_negative = coalesce(excluded.example_negative, example_negative);
END;

CREATE TRIGGER responses_terms_delete AFTER DELETE ON responses
WHEN OLD.is_test = 0 AND OLD.terms IS NOT NULL
BEGIN
  UPDATE rollup_terms SET positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    example_positive = iif(example_positive = OLD.id, NULL, example_positive),
    example_neutral = iif(example_neutral = OLD.id, NULL, example_neutral),
    example_negative = iif(example_negative = OLD.id, NULL, example_negative)
  WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND term IN (SELECT value FROM json_each(json_insert(OLD.terms, '$[#]', '')));
  DELETE FROM rollup_terms WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND term IN (SELECT value FROM json_each(json_insert(OLD.terms, '$[#]', '')))
    AND positive = 0 AND neutral = 0 AND negative = 0;
END;

CREATE TRIGGER responses_terms_update AFTER UPDATE OF terms, is_test, category, touchpoint, answered_at, survey_id ON responses
WHEN (OLD.is_test = 0 AND OLD.terms IS NOT NULL OR NEW.is_test = 0 AND NEW.terms IS NOT NULL) AND (
  OLD.terms IS NOT NEW.terms OR OLD.is_test IS NOT NEW.is_test OR OLD.category IS NOT NEW.category
  OR OLD.touchpoint IS NOT NEW.touchpoint OR substr(OLD.answered_at, 1, 10) IS NOT substr(NEW.answered_at, 1, 10)
  OR OLD.survey_id IS NOT NEW.survey_id)
BEGIN
  UPDATE rollup_terms SET positive = positive - (OLD.category IN ('promoter', 'easy', 'satisfied')),
    neutral = neutral - (OLD.category IN ('passive', 'neutral')),
    negative = negative - (OLD.category IN ('detractor', 'difficult', 'unsatisfied')),
    example_positive = iif(example_positive = OLD.id, NULL, example_positive),
    example_neutral = iif(example_neutral = OLD.id, NULL, example_neutral),
    example_negative = iif(example_negative = OLD.id, NULL, example_negative)
  WHERE OLD.is_test = 0 AND survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND term IN (SELECT value FROM json_each(json_insert(OLD.terms, '$[#]', '')));
  INSERT INTO rollup_terms (survey_id, day, touchpoint, term, positive, neutral, negative,
    example_positive, example_neutral, example_negative)
  SELECT NEW.survey_id, substr(NEW.answered_at, 1, 10), coalesce(NEW.touchpoint, ''), t.value,
    NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.category IN ('passive', 'neutral'),
    NEW.category IN ('detractor', 'difficult', 'unsatisfied'),
    iif(NEW.category IN ('promoter', 'easy', 'satisfied'), NEW.id, NULL), iif(NEW.category IN ('passive', 'neutral'), NEW.id, NULL),
    iif(NEW.category IN ('detractor', 'difficult', 'unsatisfied'), NEW.id, NULL)
  FROM json_each(json_insert(NEW.terms, '$[#]', '')) AS t
  WHERE NEW.is_test = 0
  ON CONFLICT DO UPDATE SET positive = positive + excluded.positive,
    neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
    example_positive = coalesce(excluded.example_positive, example_positive),
    example_neutral = coalesce(excluded.example_neutral, example_neutral),
    example_negative = coalesce(excluded.example_negative, example_negative);
  DELETE FROM rollup_terms WHERE survey_id = OLD.survey_id AND day = substr(OLD.answered_at, 1, 10) AND touchpoint = coalesce(OLD.touchpoint, '')
    AND term IN (SELECT value FROM json_each(json_insert(OLD.terms, '$[#]', '')))
    AND positive = 0 AND neutral = 0 AND negative = 0;
END;

-- Clearing a reason (anonymisation, or any write that empties it) clears its terms, which takes
-- them out of the term rollups through responses_terms_update.
CREATE TRIGGER responses_terms_follow_reason AFTER UPDATE OF reason ON responses
WHEN (NEW.reason IS NULL OR NEW.reason = '') AND NEW.terms IS NOT NULL
BEGIN
  UPDATE responses SET terms = NULL WHERE id = NEW.id;
END;

-- Displays of the widget and survey-link invitations, counted when written. Deleting them later
-- (retention, erasure) leaves the counts: they are aggregates that name no one, and the response
-- rate of a past window must not change when housekeeping runs.
CREATE TRIGGER impressions_shown_rollup AFTER INSERT ON impressions
WHEN NEW.type = 'shown'
BEGIN
  INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum, shown)
  VALUES (NEW.survey_id, substr(NEW.created_at, 1, 10), coalesce(NEW.touchpoint, ''), 0, 0, 0, 0, 0, 1)
  ON CONFLICT DO UPDATE SET shown = shown + 1;
END;

CREATE TRIGGER invitations_rollup AFTER INSERT ON invitations
BEGIN
  INSERT INTO rollup_days (survey_id, day, touchpoint, total, positive, neutral, negative, score_sum, invited)
  VALUES (NEW.survey_id, substr(NEW.created_at, 1, 10), NEW.touchpoint, 0, 0, 0, 0, 0, 1)
  ON CONFLICT DO UPDATE SET invited = invited + 1;
END;

-- A new set of segment keys: empty the survey's property rollups (one row per bucket, not per
-- answer) and start the chunked rebuild from the first answer.
CREATE TRIGGER surveys_segment_keys_rebuild AFTER UPDATE OF segment_keys ON surveys
WHEN OLD.segment_keys IS NOT NEW.segment_keys
BEGIN
  DELETE FROM rollup_properties WHERE survey_id = NEW.id;
  UPDATE surveys SET props_rebuild_at = '', props_rebuild_id = '' WHERE id = NEW.id;
END;
