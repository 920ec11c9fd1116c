// Migration 0012 on a database that has answers, displays and invitations from before it: every
// figure the day rollup gave stays, and each answer gets the polarity schema/scoring.ts computes.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { SCALES, SURVEY_KINDS } from '../../../schema/constants'
import { classify, polaritySign } from '../../../schema/scoring'

const run = async (queries: string[]) => {
  for (const q of queries) await env.DB.prepare(q).run()
}

/** Empties the database this file was given and applies the migrations before 0012. */
async function databaseBefore0012() {
  const { results } = await env.DB.prepare(
    `SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'
     ORDER BY rowid DESC`,
  ).all<{ type: string; name: string }>()
  await run(results.map((r) => `DROP ${r.type.toUpperCase()} ${r.name}`))
  const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0012')
  for (const m of before) await run(m.queries)
  return env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0012_'))!
}

const DAY_SUMS = `SELECT survey_id, day, touchpoint, sum(total) AS total, sum(positive) AS positive,
  sum(neutral) AS neutral, sum(negative) AS negative, sum(score_sum) AS score_sum,
  sum(s0 + 2 * s3 + 3 * s9 + 4 * s10) AS scores`

describe('migration 0012 (counting rules in one place)', () => {
  it('keeps every day figure and response rate, and stores each answer’s polarity', async () => {
    const migration = await databaseBefore0012()
    const at = (d: number) => `2026-11-0${d}T10:00:00.000Z`
    await run([
      `INSERT INTO projects (id, name, identity_secret, link_secret, created_at)
       VALUES ('p1', 'P', 'x', 'y', '${at(1)}')`,
      ...SURVEY_KINDS.map(
        (kind) => `INSERT INTO surveys (id, project_id, name, kind, created_at, updated_at)
         VALUES ('s_${kind}', 'p1', '${kind}', '${kind}', '${at(1)}', '${at(1)}')`,
      ),
    ])
    // Every score of every kind, on three channels and two days, one of them a test answer.
    const answers = SURVEY_KINDS.flatMap((kind) => {
      const { min, max } = SCALES[kind]
      return Array.from({ length: max - min + 1 }, (_, i) => {
        const score = min + i
        const channel = ['widget', 'link', 'import'][i % 3]
        return `INSERT INTO responses (id, project_id, survey_id, kind, score, category, touchpoint,
          channel, is_test, created_at, answered_at, updated_at)
          VALUES ('${kind}${score}', 'p1', 's_${kind}', '${kind}', ${score},
          '${classify(kind, score)}', ${Math.floor(i / 2) % 2 ? "'web'" : 'NULL'}, '${channel}', ${i === 4 ? 1 : 0},
          '${at(1 + (i % 2))}', '${at(1 + (i % 2))}', '${at(1)}')`
      })
    })
    await run(answers)
    await run(
      SURVEY_KINDS.flatMap((kind) => [
        `INSERT INTO impressions (id, type, project_id, survey_id, touchpoint, created_at)
         VALUES ('i_${kind}', 'shown', 'p1', 's_${kind}', 'web', '${at(2)}')`,
        `INSERT INTO impressions (id, type, project_id, survey_id, touchpoint, created_at)
         VALUES ('j_${kind}', 'shown', 'p1', 's_${kind}', NULL, '${at(1)}')`,
        `INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, expires_at, created_at)
         VALUES ('v_${kind}', 'p1', 's_${kind}', 'web', 'T1', '${at(9)}', '${at(2)}')`,
      ]),
    )
    // Retention deletes displays later: their counts live on in the rollup only.
    await env.DB.prepare("DELETE FROM impressions WHERE id LIKE 'j_%'").run()

    const figures = (reach: string) =>
      env.DB.prepare(`${DAY_SUMS}, ${reach} FROM rollup_days GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
        .all()
        .then((r) => r.results)
    const before = await figures(
      'sum(widget) AS widget, sum(link) AS link, sum(shown) AS shown, sum(invited) AS invited',
    )
    expect(before.length).toBeGreaterThan(9)

    await run(migration.queries)

    const after = await figures(
      `sum(iif(channel = 'widget', total, 0)) AS widget, sum(iif(channel = 'link', total, 0)) AS link,
       sum(iif(channel = 'widget', asked, 0)) AS shown, sum(iif(channel = 'link', asked, 0)) AS invited`,
    )
    expect(after).toEqual(before)
    const { results } = await env.DB.prepare('SELECT kind, score, polarity FROM responses').all<{
      kind: (typeof SURVEY_KINDS)[number]
      score: number
      polarity: number
    }>()
    expect(results).toHaveLength(answers.length)
    for (const r of results)
      expect(r.polarity, `${r.kind} ${r.score}`).toBe(polaritySign(r.kind, r.score))
  })
})
