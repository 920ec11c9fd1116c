// The counting SQL is generated from schema/counters.ts: the database holds exactly what the
// generator writes, and a new channel or survey kind is counted by changing the rules alone.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { COUNTING, type CountingRules } from '../../../schema/counters'
import {
  askSums,
  countingTriggers,
  deltaViews,
  rollupTables,
} from '../../../worker/db/counting-sql'

const normal = (sql: string) => sql.replace(/\s+/g, ' ').trim()

async function schemaSql(type: 'trigger' | 'view', name: string) {
  const row = await env.DB.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?')
    .bind(type, name)
    .first<{ sql: string }>()
  return row && normal(row.sql)
}

describe('the counting triggers', () => {
  it('are in the database exactly as the generator writes them', async () => {
    const triggers = countingTriggers()
    expect(triggers.length).toBe(10)
    for (const t of triggers) expect(await schemaSql('trigger', t.name), t.name).toBe(normal(t.sql))
    for (const view of deltaViews()) {
      const name = /CREATE VIEW (\w+)/.exec(view)![1]
      expect(await schemaSql('view', name), name).toBe(normal(view))
    }
  })

  it('are what migration 0012 commits (the generated file is not edited by hand)', () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0012_'))
    expect(migration).toBeDefined()
    const created = migration!.queries
      .map((q) => normal(q.replace(/^\s*(--[^\n]*\n\s*)*/, '')))
      .filter((q) => q.startsWith('CREATE TRIGGER'))
    expect(created).toEqual(countingTriggers().map((t) => normal(t.sql)))
  })

  it('leave no category list in any trigger: they count the stored polarity', async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%promoter%'",
    ).all<{ name: string }>()
    expect(results.map((r) => r.name)).toEqual([])
  })
})

// A fresh set of tables named x_…: the answer-side tables copied without their constraints (so a
// new channel is storable), the rollups and triggers generated from rules with one more channel
// and one more survey kind whose scale reaches 12.
const RULES: CountingRules = {
  channels: { ...COUNTING.channels, sms: 'invited' },
  scales: { ...COUNTING.scales, effort: { min: 0, max: 12 } },
}
const P = 'x_'

async function freshTables() {
  const statements = [
    ...['responses', 'surveys', 'impressions', 'invitations'].map(
      (t) => `CREATE TABLE ${P}${t} AS SELECT * FROM ${t} WHERE 0`,
    ),
    ...Object.values(rollupTables({ rules: RULES, prefix: P })),
    ...deltaViews({ prefix: P }),
    ...countingTriggers({ rules: RULES, prefix: P }).map((t) => t.sql),
  ]
  for (const s of statements) await env.DB.prepare(s).run()
}

interface Answer {
  id: string
  score: number
  polarity: -1 | 0 | 1
  channel: string
  link_channel?: string
  touchpoint?: string
  day: string
  properties?: Record<string, unknown>
  terms?: string[]
  is_test?: number
}

const insertAnswer = (a: Answer) =>
  env.DB.prepare(
    `INSERT INTO ${P}responses (id, survey_id, score, polarity, channel, link_channel, touchpoint,
       properties, terms, is_test, created_at, answered_at)
     VALUES (?, 's1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      a.id,
      a.score,
      a.polarity,
      a.channel,
      a.link_channel ?? null,
      a.touchpoint ?? null,
      JSON.stringify(a.properties ?? {}),
      a.terms ? JSON.stringify(a.terms) : null,
      a.is_test ?? 0,
      `${a.day}T10:00:00.000Z`,
      `${a.day}T10:00:00.000Z`,
    )
    .run()

/** The day rollup recounted from the raw rows in JS: one row per day × touchpoint × channel. */
async function recount() {
  const { results: answers } = await env.DB.prepare(
    `SELECT * FROM ${P}responses WHERE is_test = 0`,
  ).all<Record<string, string | number | null>>()
  const { results: invited } = await env.DB.prepare(
    `SELECT channel, touchpoint, created_at FROM ${P}invitations`,
  ).all<{ channel: string; touchpoint: string; created_at: string }>()
  const buckets = new Map<string, Record<string, string | number>>()
  const bucket = (day: string, touchpoint: string, channel: string) => {
    const key = `${day} ${touchpoint} ${channel}`
    const b = buckets.get(key) ?? { day, touchpoint, channel, total: 0, s11: 0, s12: 0, asked: 0 }
    buckets.set(key, b)
    return b as Record<string, number>
  }
  for (const a of answers) {
    const b = bucket(
      String(a.answered_at).slice(0, 10),
      String(a.touchpoint ?? ''),
      String(a.link_channel ?? a.channel),
    )
    b.total++
    if (a.score === 11 || a.score === 12) b[`s${a.score}`]++
  }
  for (const i of invited) bucket(i.created_at.slice(0, 10), i.touchpoint, i.channel).asked++
  return [...buckets.values()].sort((a, b) =>
    `${a.day} ${a.touchpoint} ${a.channel}` < `${b.day} ${b.touchpoint} ${b.channel}` ? -1 : 1,
  )
}

const stored = async () =>
  (
    await env.DB.prepare(
      `SELECT day, touchpoint, channel, total, s11, s12, asked FROM ${P}rollup_days
       ORDER BY day || ' ' || touchpoint || ' ' || channel`,
    ).all()
  ).results

describe('a channel and a survey kind added to the rules', () => {
  it('are counted by the generated SQL alone, through inserts, updates and deletes', async () => {
    await freshTables()
    await env.DB.prepare(
      `INSERT INTO ${P}surveys (id, segment_keys, props_rebuild_at) VALUES ('s1', '["plan"]', NULL)`,
    ).run()
    await env.DB.prepare(
      `INSERT INTO ${P}invitations (id, survey_id, touchpoint, channel, created_at)
       VALUES ('i1', 's1', 'delivery', 'sms', '2026-12-01T09:00:00.000Z')`,
    ).run()
    const day = '2026-12-01'
    await insertAnswer({
      id: 'a1',
      score: 12,
      polarity: 1,
      channel: 'link',
      link_channel: 'sms',
      touchpoint: 'delivery',
      day,
      properties: { plan: 'pro' },
      terms: ['late', 'driver'],
    })
    await insertAnswer({ id: 'a2', score: 11, polarity: 1, channel: 'widget', day })
    await insertAnswer({ id: 'a3', score: 0, polarity: -1, channel: 'api', day, is_test: 1 })
    expect(await stored()).toEqual(await recount())
    expect(await stored()).toContainEqual({
      day,
      touchpoint: 'delivery',
      channel: 'sms',
      total: 1,
      s11: 0,
      s12: 1,
      asked: 1,
    })

    // The new channel asks by invitation: its answers count in the link response rate's sums.
    const invited = askSums('invited', RULES)
    const rate = await env.DB.prepare(
      `SELECT ${invited.answered} AS answered, ${invited.asked} AS asked FROM ${P}rollup_days`,
    ).first()
    expect(rate).toEqual({ answered: 1, asked: 1 })

    // A changed score moves the answer between counters, a deleted one leaves no empty bucket.
    await env.DB.prepare(
      `UPDATE ${P}responses SET score = 3, polarity = -1, touchpoint = NULL WHERE id = 'a1'`,
    ).run()
    await env.DB.prepare(`DELETE FROM ${P}responses WHERE id = 'a2'`).run()
    await env.DB.prepare(`UPDATE ${P}responses SET is_test = 0 WHERE id = 'a3'`).run()
    expect(await stored()).toEqual(await recount())

    const property = await env.DB.prepare(
      `SELECT key, value, total, positive, negative, s3, s12 FROM ${P}rollup_properties`,
    ).all()
    expect(property.results).toEqual([
      { key: 'plan', value: 'pro', total: 1, positive: 0, negative: 1, s3: 1, s12: 0 },
    ])
    const terms = await env.DB.prepare(
      `SELECT term, touchpoint, positive, negative, example_negative FROM ${P}rollup_terms ORDER BY term`,
    ).all()
    expect(terms.results).toEqual(
      ['', 'driver', 'late'].map((term) => ({
        term,
        touchpoint: '',
        positive: 0,
        negative: 1,
        example_negative: 'a1',
      })),
    )
  })
})
