// The counting SQL, generated from the rules of schema/counters.ts (CONVENTIONS §14): the rollup
// tables, the triggers that keep them exact, and the sums the property rebuild and the reads use.
// `node scripts/gen-counting.mjs` writes schema/migrations/0012_counting.sql from countingMigration(), and
// test/worker/db/counting-sql.test.ts compares every trigger in sqlite_master with
// countingTriggers().
//
// How it counts: every write of an answer becomes signed deltas, +1 for the answer as it is now and
// −1 for the answer as it was. Triggers on `responses` insert them into two views (answer_deltas,
// term_deltas) whose INSTEAD OF triggers apply them to the rollups. A view stores nothing, so a
// delta costs only the rollup rows it changes, and each rule is written once for insert, update
// and delete alike.
import { SCALES, SURVEY_KINDS } from '../../schema/constants'
import {
  ASKS,
  COUNTING,
  answerCounters,
  channelsAsking,
  polarityCounters,
  type Ask,
  type Counter,
  type CountingRules,
} from '../../schema/counters'
import { classify, polaritySign } from '../../schema/scoring'

const TABLES = [
  'responses',
  'impressions',
  'invitations',
  'surveys',
  'rollup_days',
  'rollup_properties',
  'rollup_terms',
  'answer_deltas',
  'term_deltas',
] as const
type Names = Record<(typeof TABLES)[number], string>

export interface CountingOptions {
  rules?: CountingRules
  /** Prefix of every table, view and trigger name: a test generates into a fresh set. */
  prefix?: string
}

export interface Trigger {
  name: string
  sql: string
}

/** SQL over a row alias (NEW, OLD, r). */
type Expr = (row: string) => string

/** A bucket's text for a property value: strings as given, booleans and numbers as text. */
export const PROPERTY_VALUE = `iif(p.type IN ('true', 'false'), p.type, CAST(p.atom AS TEXT))`

/** Where an answer counts: its bucket keys and what its counters read. */
export const ANSWER_FIELDS = {
  id: (r) => `${r}.id`,
  survey_id: (r) => `${r}.survey_id`,
  day: (r) => `substr(${r}.answered_at, 1, 10)`,
  touchpoint: (r) => `coalesce(${r}.touchpoint, '')`,
  channel: (r) => `coalesce(${r}.link_channel, ${r}.channel)`,
  polarity: (r) => `${r}.polarity`,
  score: (r) => `${r}.score`,
  properties: (r) => `${r}.properties`,
  created_at: (r) => `${r}.created_at`,
} satisfies Record<string, Expr>

const TERM_FIELDS = {
  id: ANSWER_FIELDS.id,
  survey_id: ANSWER_FIELDS.survey_id,
  day: ANSWER_FIELDS.day,
  touchpoint: ANSWER_FIELDS.touchpoint,
  polarity: ANSWER_FIELDS.polarity,
  terms: (r) => `${r}.terms`,
} satisfies Record<string, Expr>

/**
 * A comma list on one line: the generated file then reads one line per list (columns, values,
 * accumulations), and a list repeated for two rollup tables is visibly the same line.
 */
const list = (items: string[]) => items.join(', ')

const accumulate = (cs: Counter[]) =>
  list(cs.map((c) => `${c.column} = ${c.column} + excluded.${c.column}`))
const signed = (cs: Counter[]) => cs.map((c) => `NEW.sign * (${c.of('NEW')})`)

/** The counters as sums over the answers aliased `r` (bulk recounts: backfill, rebuild). */
export const sumsOf = (cs: Counter[], r = 'r') =>
  cs.map((c) => (c.column === 'total' ? 'count(*)' : `sum(${c.of(r)})`))

/** The rollup tables, all counters 0 by default. The migration creates rollup_days from it. */
export function rollupTables(
  o: CountingOptions = {},
): Record<'days' | 'properties' | 'terms', string> {
  const n = names(o)
  const counters = answerCounters(o.rules ?? COUNTING).map(
    (c) => `${c.column} INTEGER NOT NULL DEFAULT 0`,
  )
  const examples = polarityCounters().map((c) => `example_${c.column} TEXT`)
  return {
    days: `CREATE TABLE ${n.rollup_days} (
  survey_id TEXT NOT NULL,
  day TEXT NOT NULL,
  touchpoint TEXT NOT NULL,
  channel TEXT NOT NULL,
  ${list([...counters, 'asked INTEGER NOT NULL DEFAULT 0'])},
  PRIMARY KEY (survey_id, day, touchpoint, channel)
) WITHOUT ROWID`,
    properties: `CREATE TABLE ${n.rollup_properties} (
  survey_id TEXT NOT NULL, key TEXT NOT NULL, day TEXT NOT NULL, touchpoint TEXT NOT NULL,
  value TEXT NOT NULL,
  ${list(counters)},
  PRIMARY KEY (survey_id, key, day, touchpoint, value)
) WITHOUT ROWID`,
    terms: `CREATE TABLE ${n.rollup_terms} (
  survey_id TEXT NOT NULL, day TEXT NOT NULL, touchpoint TEXT NOT NULL, term TEXT NOT NULL,
  ${list([...polarityCounters().map((c) => `${c.column} INTEGER NOT NULL DEFAULT 0`), ...examples])},
  PRIMARY KEY (survey_id, day, touchpoint, term)
) WITHOUT ROWID`,
  }
}

function names(o: CountingOptions): Names {
  const prefix = o.prefix ?? ''
  return Object.fromEntries(TABLES.map((t) => [t, prefix + t])) as Names
}

/** The two delta views: the columns a delta carries; they select nothing. */
export function deltaViews(o: CountingOptions = {}): string[] {
  const n = names(o)
  const view = (name: string, fields: Record<string, Expr>) => {
    const columns = ['sign', ...Object.keys(fields)]
    return `CREATE VIEW ${name} (${columns.join(', ')}) AS SELECT ${columns.map(() => 'NULL').join(', ')} WHERE 0`
  }
  return [view(n.answer_deltas, ANSWER_FIELDS), view(n.term_deltas, TERM_FIELDS)]
}

interface DeltaSource {
  view: string
  /** Trigger names: `${base}_insert`, `_delete`, `_update`. */
  base: string
  /** Whether the answer counts at all. */
  counts: Expr
  fields: Record<string, Expr>
  /**
   * Which delta an update sends first. Answers: +1 first, so that an answer that stays in its
   * bucket never empties it (no delete and re-insert). Terms: −1 first, as the examples need: the
   * −1 clears the answer's examples, the +1 sets them again.
   */
  first: 1 | -1
}

/** The responses columns an expression reads (for UPDATE OF). */
const columnsRead = (exprs: Expr[]) => [
  ...new Set(exprs.flatMap((e) => [...e('NEW').matchAll(/NEW\.(\w+)/g)].map((m) => m[1]))),
]

function followAnswers(n: Names, s: DeltaSource): Trigger[] {
  const exprs = Object.values(s.fields)
  const into = `INSERT INTO ${s.view} (sign, ${Object.keys(s.fields).join(', ')})`
  const values = (row: string) => list(exprs.map((e) => e(row)))
  const delta = (sign: 1 | -1) => {
    const row = sign > 0 ? 'NEW' : 'OLD'
    return `${into}\n  SELECT ${sign}, ${values(row)}\n  WHERE ${s.counts(row)};`
  }
  const changed = [s.counts, ...exprs].map((e) => `(${e('OLD')}) IS NOT (${e('NEW')})`)
  return [
    {
      name: `${s.base}_insert`,
      sql: `CREATE TRIGGER ${s.base}_insert AFTER INSERT ON ${n.responses}
WHEN ${s.counts('NEW')}
BEGIN
  ${into}
  VALUES (1, ${values('NEW')});
END`,
    },
    {
      name: `${s.base}_delete`,
      sql: `CREATE TRIGGER ${s.base}_delete AFTER DELETE ON ${n.responses}
WHEN ${s.counts('OLD')}
BEGIN
  ${into}
  VALUES (-1, ${values('OLD')});
END`,
    },
    {
      name: `${s.base}_update`,
      sql: `CREATE TRIGGER ${s.base}_update AFTER UPDATE OF ${columnsRead([s.counts, ...exprs]).join(', ')} ON ${n.responses}
WHEN (${s.counts('OLD')} OR ${s.counts('NEW')}) AND (
  ${changed.join('\n  OR ')})
BEGIN
  ${delta(s.first)}
  ${delta(s.first > 0 ? -1 : 1)}
END`,
    },
  ]
}

/** answer_deltas → the day bucket (per channel) and the property buckets of the segment keys. */
function applyAnswerDeltas(n: Names, counters: Counter[]): Trigger {
  const columns = list(counters.map((c) => c.column))
  const bucket = `survey_id = NEW.survey_id AND day = NEW.day AND touchpoint = NEW.touchpoint`
  // Until a property rebuild's cursor is NULL, answers after it are the rebuild's to add (rebuild.ts).
  return {
    name: `${n.answer_deltas}_apply`,
    sql: `CREATE TRIGGER ${n.answer_deltas}_apply INSTEAD OF INSERT ON ${n.answer_deltas}
BEGIN
  INSERT INTO ${n.rollup_days} (survey_id, day, touchpoint, channel,
    ${columns})
  VALUES (NEW.survey_id, NEW.day, NEW.touchpoint, NEW.channel,
    ${list(signed(counters))})
  ON CONFLICT DO UPDATE SET ${accumulate(counters)};
  DELETE FROM ${n.rollup_days} WHERE NEW.sign < 0 AND ${bucket}
    AND channel = NEW.channel AND total = 0 AND asked = 0;
  INSERT INTO ${n.rollup_properties} (survey_id, key, day, touchpoint, value,
    ${columns})
  SELECT NEW.survey_id, p.key, NEW.day, NEW.touchpoint, ${PROPERTY_VALUE},
    ${list(signed(counters))}
  FROM ${n.surveys} AS s, json_each(NEW.properties) AS p
  WHERE s.id = NEW.survey_id AND p.key IN (SELECT value FROM json_each(s.segment_keys))
    AND (s.props_rebuild_at IS NULL OR (NEW.created_at, NEW.id) <= (s.props_rebuild_at, s.props_rebuild_id))
  ON CONFLICT DO UPDATE SET ${accumulate(counters)};
  DELETE FROM ${n.rollup_properties} WHERE NEW.sign < 0 AND ${bucket}
    AND key IN (SELECT p.key FROM json_each(NEW.properties) AS p) AND total = 0;
END`,
  }
}

/**
 * term_deltas → one term bucket per term of the reason, and the term '' that counts the answers
 * with terms. Each bucket keeps the latest answer of each polarity as an example.
 */
function applyTermDeltas(n: Names): Trigger {
  const counters = polarityCounters()
  const terms = `json_each(json_insert(NEW.terms, '$[#]', ''))`
  const examples = counters.map((c) => `iif(NEW.sign > 0 AND ${c.of('NEW')}, NEW.id, NULL)`)
  const keep = counters.map(
    ({ column }) =>
      `example_${column} = iif(NEW.sign < 0 AND example_${column} = NEW.id, NULL, coalesce(excluded.example_${column}, example_${column}))`,
  )
  return {
    name: `${n.term_deltas}_apply`,
    sql: `CREATE TRIGGER ${n.term_deltas}_apply INSTEAD OF INSERT ON ${n.term_deltas}
BEGIN
  INSERT INTO ${n.rollup_terms} (survey_id, day, touchpoint, term,
    ${list([...counters.map((c) => c.column), ...counters.map((c) => `example_${c.column}`)])})
  SELECT NEW.survey_id, NEW.day, NEW.touchpoint, t.value,
    ${list([...signed(counters), ...examples])}
  FROM ${terms} AS t
  WHERE true
  ON CONFLICT DO UPDATE SET ${accumulate(counters)},
    ${keep.join(',\n    ')};
  DELETE FROM ${n.rollup_terms} WHERE NEW.sign < 0 AND survey_id = NEW.survey_id AND day = NEW.day
    AND touchpoint = NEW.touchpoint AND term IN (SELECT value FROM ${terms})
    AND ${counters.map((c) => `${c.column} = 0`).join(' AND ')};
END`,
  }
}

/**
 * Who was asked, counted when it is written: a display of the widget under the channel that
 * shows, an invitation under its own channel. Deleting them later (retention, erasure) leaves
 * the counts: they name no one, and a past window's response rate must not change.
 */
function askTriggers(n: Names, rules: CountingRules, prefix: string): Trigger[] {
  const shows = channelsAsking('shown', rules)
  if (shows.length !== 1) throw new Error('exactly one channel asks by showing the widget')
  const sources: Record<Ask, { name: string; on: string; when: string; channel: string }> = {
    shown: {
      name: 'impressions_shown_rollup',
      on: n.impressions,
      when: `\nWHEN NEW.type = 'shown'`,
      channel: `'${shows[0]}'`,
    },
    invited: { name: 'invitations_rollup', on: n.invitations, when: '', channel: 'NEW.channel' },
  }
  return ASKS.map((ask) => {
    const s = sources[ask]
    const name = prefix + s.name
    return {
      name,
      sql: `CREATE TRIGGER ${name} AFTER INSERT ON ${s.on}${s.when}
BEGIN
  INSERT INTO ${n.rollup_days} (survey_id, day, touchpoint, channel, asked)
  VALUES (NEW.survey_id, substr(NEW.created_at, 1, 10), coalesce(NEW.touchpoint, ''), ${s.channel}, 1)
  ON CONFLICT DO UPDATE SET asked = asked + 1;
END`,
    }
  })
}

/** Every trigger that counts, in the order the migration creates them. */
export function countingTriggers(o: CountingOptions = {}): Trigger[] {
  const n = names(o)
  const rules = o.rules ?? COUNTING
  const prefix = o.prefix ?? ''
  return [
    applyAnswerDeltas(n, answerCounters(rules)),
    applyTermDeltas(n),
    ...followAnswers(n, {
      view: n.answer_deltas,
      base: `${prefix}responses_rollup`,
      counts: (r) => `${r}.is_test = 0`,
      fields: ANSWER_FIELDS,
      first: 1,
    }),
    ...followAnswers(n, {
      view: n.term_deltas,
      base: `${prefix}responses_terms`,
      counts: (r) => `${r}.is_test = 0 AND ${r}.terms IS NOT NULL`,
      fields: TERM_FIELDS,
      first: -1,
    }),
    ...askTriggers(n, rules, prefix),
  ]
}

/** A channel's answers and asks summed over day buckets, per way of asking (the response rates). */
export function askSums(ask: Ask, rules: CountingRules = COUNTING) {
  const channels = channelsAsking(ask, rules)
    .map((c) => `'${c}'`)
    .join(', ')
  return {
    answered: `sum(iif(channel IN (${channels}), total, 0))`,
    asked: `sum(iif(channel IN (${channels}), asked, 0))`,
  }
}

/** Stored polarity of the answers written before 0012, from their category, by schema/scoring.ts. */
function polarityBackfill(): string[] {
  const bySign = new Map<number, Set<string>>()
  for (const kind of SURVEY_KINDS) {
    for (let s = SCALES[kind].min; s <= SCALES[kind].max; s++) {
      const sign = polaritySign(kind, s)
      bySign.set(sign, (bySign.get(sign) ?? new Set()).add(classify(kind, s)))
    }
  }
  return [...bySign]
    .filter(([sign]) => sign !== 0)
    .map(
      ([sign, categories]) =>
        `UPDATE responses SET polarity = ${sign} WHERE category IN (${[...categories].map((c) => `'${c}'`).join(', ')})`,
    )
}

const DROPPED = [
  'responses_rollup_insert',
  'responses_rollup_delete',
  'responses_rollup_update',
  'responses_terms_insert',
  'responses_terms_delete',
  'responses_terms_update',
  'impressions_shown_rollup',
  'invitations_rollup',
]

const HEADER = `-- GENERATED by \`node scripts/gen-counting.mjs\` from schema/counters.ts (worker/db/counting-sql.ts):
-- edit those, not this file. test/worker/db/counting-sql.test.ts checks the triggers.
--
-- Counting rules in one place (issue 16, item 2):
-- 1. Each answer stores its polarity (1, 0, −1), computed by schema/scoring.ts. Existing answers
--    get it from their category here, by the same module.
-- 2. Channel is a dimension of the day rollup: one bucket per survey × UTC day × touchpoint ×
--    channel (widget, link, email, helpdesk, import, api) with the answers' counters and \`asked\`
--    (widget displays, or invitations made). A link answer counts under the channel that carried
--    its link: invitations.channel, copied to responses.link_channel (NULL for other answers).
--    POST /v1/invitations makes 'link' invitations, the help-desk connectors 'helpdesk' ones.
--    Answers and invitations from before this migration cannot be told apart: they stay 'link',
--    so every past response rate keeps its value.
-- 3. The rollup triggers are generated: writes of answers become signed deltas in two views whose
--    INSTEAD OF triggers apply them (see worker/db/counting-sql.ts).
-- The new columns have no CHECK: a channel added to schema/counters.ts needs no table rebuild.
--
-- Splitter note (see 0002): bodies use iif() instead of CASE, and comments avoid semicolons.`

/** The migration that moves a database to the generated counting (0012_counting.sql). */
export function countingMigration(): string {
  const counters = answerCounters()
  const columns = list(counters.map((c) => c.column))
  const f = ANSWER_FIELDS
  const statements = [
    ...DROPPED.map((t) => `DROP TRIGGER ${t}`),
    'ALTER TABLE responses ADD COLUMN polarity INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE responses ADD COLUMN link_channel TEXT',
    `ALTER TABLE invitations ADD COLUMN channel TEXT NOT NULL DEFAULT 'link'`,
    ...polarityBackfill(),
    'ALTER TABLE rollup_days RENAME TO rollup_days_0009',
    rollupTables().days,
    `INSERT INTO rollup_days (survey_id, day, touchpoint, channel,
    ${columns})
  SELECT ${list(['survey_id', 'day', 'touchpoint', 'channel'].map((k) => f[k as keyof typeof f]('r')))},
    ${list(sumsOf(counters))}
  FROM responses AS r WHERE r.is_test = 0
  GROUP BY 1, 2, 3, 4`,
    ...(
      [
        ['shown', channelsAsking('shown')[0]],
        ['invited', 'link'],
      ] as const
    ).map(
      ([ask, channel]) => `INSERT INTO rollup_days (survey_id, day, touchpoint, channel, asked)
  SELECT survey_id, day, touchpoint, '${channel}', ${ask} FROM rollup_days_0009 WHERE ${ask} > 0
  ON CONFLICT DO UPDATE SET asked = excluded.asked`,
    ),
    'DROP TABLE rollup_days_0009',
    ...deltaViews(),
    ...countingTriggers().map((t) => t.sql),
  ]
  return `${HEADER}\n\n${statements.join(';\n\n')};\n`
}
