// BENCH (npm run bench -- email-schedule): 100,000 people in one program, all due on one day
// under a cap that lets them all through; the planner's D1 cost per run (meta.rows_read) and the
// runs it takes. Skipped unless EMAIL_BENCH_PEOPLE is set.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { planProgramSends, PLAN_CHUNK } from '../../../worker/email/plan-programs'
import { call, setup } from '../helpers'

const PEOPLE = Number(env.EMAIL_BENCH_PEOPLE || 0)

/** A D1 binding that adds up meta.rows_read of every statement (all/run/batch). */
function rowsReadCounter(binding: D1Database) {
  const total = { rowsRead: 0, queries: 0 }
  const add = (r: { meta?: { rows_read?: number } }) => {
    total.queries++
    total.rowsRead += r.meta?.rows_read ?? 0
    return r
  }
  const real = new WeakMap<object, D1PreparedStatement>()
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(t, prop) {
        if (prop === 'bind') return (...v: unknown[]) => wrap(t.bind(...v))
        if (prop === 'all' || prop === 'run')
          return async () => add(await (t[prop] as () => Promise<D1Result>).call(t))
        if (prop === 'first') throw new Error('first() hides meta: not measured')
        const value = Reflect.get(t, prop, t)
        return typeof value === 'function' ? value.bind(t) : value
      },
    })
    real.set(proxy, stmt)
    return proxy
  }
  const db = new Proxy(binding, {
    get(t, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(t.prepare(sql))
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) =>
          (await t.batch(statements.map((s) => real.get(s) ?? s))).map(add)
      const value = Reflect.get(t, prop, t)
      return typeof value === 'function' ? value.bind(t) : value
    },
  })
  return { db, total }
}

describe.skipIf(!PEOPLE)('email-schedule bench', () => {
  it(
    `plans ${PEOPLE.toLocaleString('en')} people of one program`,
    { timeout: 1_800_000 },
    async () => {
      const { project, survey } = await setup()
      await env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO people (id, project_id, email, email_hash, customer_id, time_zone, properties,
         created_at, updated_at)
       SELECT 'per_b' || i, ?1, 'p' || i || '@example.com', hex(randomblob(32)), 'c-' || i,
         CASE i % 3 WHEN 0 THEN 'Europe/Copenhagen' WHEN 1 THEN 'Europe/Oslo' ELSE 'America/New_York' END,
         '{}', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z' FROM n`,
      )
        .bind(project.id, PEOPLE)
        .run()
      const created = await call('POST', '/v1/email/programs', {
        token: project.secretKey,
        body: { surveyId: survey.id, everyDays: 90, dailyCap: 100_000 },
      })
      expect(created.status, created.text).toBe(201)
      await env.DB.batch([
        env.DB.prepare(
          "UPDATE email_program_people SET due_at = '2027-03-01T00:00:00.000Z' WHERE program_id = ?",
        ).bind(created.json.id),
        env.DB.prepare("UPDATE email_programs SET plan_day = '2027-03-26' WHERE id = ?").bind(
          created.json.id,
        ),
      ])
      const now = new Date('2027-03-25T10:00:00Z')
      const perRun: { rowsRead: number; queries: number; sends: number }[] = []
      const started = Date.now()
      for (let run = 0; run < 10_000; run++) {
        const { db, total } = rowsReadCounter(env.DB)
        const result = await planProgramSends({ db, now })
        perRun.push({ ...total, sends: result.sends })
        if (!result.programs) break
      }
      const working = perRun.filter((r) => r.sends > 0)
      const rows = working.map((r) => r.rowsRead)
      const sent = working.reduce((n, r) => n + r.sends, 0)
      console.log(
        JSON.stringify({
          people: PEOPLE,
          chunk: PLAN_CHUNK,
          runsNeeded: perRun.length,
          runsWithSends: working.length,
          sendsScheduled: sent,
          rowsReadPerRun: {
            mean: Math.round(rows.reduce((a, b) => a + b, 0) / rows.length),
            max: Math.max(...rows),
            min: Math.min(...rows),
          },
          queriesPerRunMax: Math.max(...perRun.map((r) => r.queries)),
          seconds: Math.round((Date.now() - started) / 1000),
        }),
      )
      expect(sent).toBe(PEOPLE)
    },
  )
})
