import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../schema/constants'
import { JOBS, runHousekeeping } from '../../../worker/services/retention'
import { call, createProject, createSurvey, type CallOptions } from '../helpers'
import { importRows } from '../manager-helpers'
import { DAILY_CRON, runCron as runCronTasks } from '../cron-helpers'

const NOW = Date.now()
const daysAgo = (n: number) => new Date(NOW - n * DAY_MS).toISOString()

async function runCron(at = NOW) {
  await runCronTasks(DAILY_CRON, at)
}

const rowsOf = async (projectId: string) =>
  (
    await env.DB.prepare('SELECT * FROM responses WHERE project_id = ? ORDER BY id')
      .bind(projectId)
      .all<Record<string, unknown>>()
  ).results

async function rollups(surveyIds: string[]) {
  const ids = JSON.stringify(surveyIds)
  const read = (table: string) =>
    env.DB.prepare(
      `SELECT * FROM ${table} WHERE survey_id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2, 3, 4, 5`,
    )
      .bind(ids)
      .all()
  return {
    days: (await read('rollup_days')).results,
    props: (await read('rollup_properties')).results,
  }
}

/** Every figure a manager can ask for about these surveys. */
async function figures(token: string, surveyIds: string[]) {
  const out: Record<string, unknown> = {}
  const groupings = [
    '',
    'day',
    'week',
    'month',
    'touchpoint',
    'property:plan',
    'property:vip',
    'property:seats',
  ]
  for (const surveyId of surveyIds) {
    for (const groupBy of groupings) {
      for (const extra of ['', '&touchpoint=web', `&from=${daysAgo(45).slice(0, 10)}`]) {
        const q = `surveyId=${surveyId}${groupBy ? `&groupBy=${groupBy}` : ''}${extra}`
        const res = await call('GET', `/v1/metrics?${q}`, { token })
        expect(res.status, res.text).toBe(200)
        out[q] = res.json
      }
    }
  }
  return out
}

const segments = { segmentKeys: ['plan', 'vip', 'seats'] }

/** 60 answers over the last 120 days with every personal field filled, on an NPS and a CES survey. */
async function seedProject(name: string, retentionDays?: number) {
  const project = await createProject(name, retentionDays ? { retentionDays } : {})
  const nps = await createSurvey(project.secretKey, segments)
  const ces = await createSurvey(project.secretKey, { ...segments, kind: 'ces' })
  await importRows(
    project.secretKey,
    Array.from({ length: 60 }, (_, i) => {
      const survey = i % 3 === 0 ? ces : nps
      return {
        surveyId: survey.id,
        score: survey === ces ? 1 + (i % 7) : i % 11,
        createdAt: daysAgo(2 * i + 0.5),
        touchpoint: i % 4 === 0 ? undefined : ['web', 'support'][i % 2],
        customerId: `cust-${i % 7}`,
        ref: `order-${i}`,
        email: `person${i % 7}@example.com`,
        reason: `because ${i}`,
        pageUrl: `https://shop.example/checkout/${i}?token=x`,
        contactConsent: i % 2 === 0,
        properties: {
          plan: ['free', 'pro'][i % 2],
          vip: i % 3 === 0,
          seats: [0.1, 42, -3.5][i % 3],
          orderId: `o-${i}`,
          phone: '+45 1234',
        },
      }
    }),
  )
  // A note and a test answer among the old ones.
  const [noted, tested] = await Promise.all(
    [70, 90].map((age) =>
      env.DB.prepare(
        'SELECT id FROM responses WHERE project_id = ? AND answered_at < ? ORDER BY answered_at DESC LIMIT 1',
      )
        .bind(project.id, daysAgo(age))
        .first<{ id: string }>(),
    ),
  )
  const patch = (id: string, body: CallOptions['body']) =>
    call('PATCH', `/v1/responses/${id}`, { token: project.secretKey, body })
  expect((await patch(noted!.id, { note: 'called them', followUp: 'closed' })).status).toBe(200)
  expect((await patch(tested!.id, { test: true })).status).toBe(200)
  return { project, surveys: [nps.id, ces.id] }
}

/** A widget dismissal `age` days old (impressions serve the throttle, then go). */
const insertDismissal = (projectId: string, surveyId: string, id: string, age: number) =>
  env.DB.prepare(
    `INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at)
     VALUES (?, 'dismissed', ?, ?, 'c1', ?)`,
  )
    .bind(id, projectId, surveyId, daysAgo(age))
    .run()

describe('retention: the daily cron anonymises old answers', () => {
  it('clears the personal fields of answers older than retentionDays and changes no figure', async () => {
    const a = await seedProject('Retains 30 days', 30)
    const untouched = await seedProject('Keeps everything')
    const longer = await seedProject('Retains a year', 365)
    const figuresBefore = await figures(a.project.secretKey, a.surveys)
    const rollupsBefore = await rollups(a.surveys)
    const rowsBefore = await rowsOf(a.project.id)
    const othersBefore = [await rowsOf(untouched.project.id), await rowsOf(longer.project.id)]

    await runCron()

    expect(await figures(a.project.secretKey, a.surveys)).toEqual(figuresBefore)
    expect(await rollups(a.surveys)).toEqual(rollupsBefore)
    expect([await rowsOf(untouched.project.id), await rowsOf(longer.project.id)]).toEqual(
      othersBefore,
    )
    const after = await rowsOf(a.project.id)
    const cutoff = daysAgo(30)
    let anonymised = 0
    for (const [i, row] of after.entries()) {
      const before = rowsBefore[i]
      const kept = ['id', 'survey_id', 'score', 'category', 'touchpoint', 'kind', 'channel']
      for (const k of [...kept, 'created_at', 'answered_at', 'is_test', 'follow_up', 'locale'])
        expect(row[k], k).toEqual(before[k])
      if ((before.answered_at as string) >= cutoff) {
        expect(row).toEqual(before)
        continue
      }
      anonymised++
      expect(row).toMatchObject({
        customer_id: null,
        email: null,
        reason: null,
        note: null,
        ref: null,
        page_path: null,
      })
      expect(row.anonymized_at).toBe(new Date(NOW).toISOString())
      const { plan, vip, seats } = JSON.parse(before.properties as string)
      expect(JSON.parse(row.properties as string)).toStrictEqual({ plan, vip, seats })
    }
    expect(anonymised).toBeGreaterThan(40)

    // The answers left the customer views: nothing links them to a person any more.
    const risk = await call('GET', '/v1/customers/at-risk?days=3650&min=1', {
      token: a.project.secretKey,
    })
    for (const c of risk.json.data) expect(c.lastAnswer.answeredAt >= cutoff).toBe(true)

    // A second run finds nothing left to do and changes nothing.
    const settled = await rowsOf(a.project.id)
    await runCron(NOW + 60_000)
    expect(await rowsOf(a.project.id)).toEqual(settled)
  }, 30_000) // 96 metrics calls: slow on a busy machine

  it('works through a backlog in chunks, within each job’s share of queries, over several runs', async () => {
    const { project } = await seedProject('Backlog', 1)
    const jobs = {
      ...JOBS,
      answersAnonymised: { chunk: 7, queries: 3 },
    }
    const left = async () => {
      const row = await env.DB.prepare(
        `SELECT count(*) AS n FROM responses
         WHERE project_id = ? AND anonymized_at IS NULL AND answered_at < ?`,
      )
        .bind(project.id, daysAgo(1))
        .first<{ n: number }>()
      return row!.n
    }
    const backlog = await left()
    expect(backlog).toBe(59) // the newest answer is half a day old
    const first = await runHousekeeping(env.DB, new Date(NOW), jobs)
    expect(first.answersAnonymised).toBe(21)
    expect(await left()).toBe(38)
    let runs = 1
    while ((await left()) > 0 && runs < 10) {
      await runHousekeeping(env.DB, new Date(NOW), jobs)
      runs++
    }
    expect(runs).toBe(3)
  })

  it('spends at most 40 of the 50 queries an invocation may send', () => {
    const total = Object.values(JOBS).reduce((n, j) => n + j.queries, 0)
    expect(total).toBeLessThanOrEqual(40)
  })

  it("deletes impressions older than the project's longest throttleDays and keeps the rest", async () => {
    const project = await createProject('Impressions')
    const short = await createSurvey(project.secretKey, { throttleDays: 30 })
    await createSurvey(project.secretKey, { throttleDays: 90 })
    const other = await createProject('Other')
    const otherSurvey = await createSurvey(other.secretKey, { throttleDays: 365 })
    await insertDismissal(project.id, short.id, 'old', 100)
    await insertDismissal(project.id, short.id, 'within-longest', 60)
    await insertDismissal(project.id, short.id, 'recent', 10)
    await insertDismissal(other.id, otherSurvey.id, 'other-old', 100)
    await runCron()
    const left = await env.DB.prepare(
      'SELECT id FROM impressions WHERE project_id IN (?, ?) ORDER BY id',
    )
      .bind(project.id, other.id)
      .all<{ id: string }>()
    expect(left.results.map((r) => r.id)).toEqual(['other-old', 'recent', 'within-longest'])
  })

  it("keeps a dismissal within the project's cooldown when every survey has throttleDays 0", async () => {
    const project = await createProject('Cooldown only')
    const patched = await call('PATCH', '/v1/project', {
      token: project.secretKey,
      body: { cooldownDays: 30 },
    })
    expect(patched.status, patched.text).toBe(200)
    const survey = await createSurvey(project.secretKey, { throttleDays: 0 })
    const own = await createProject('Survey override')
    const long = await createSurvey(own.secretKey, { throttleDays: 0, cooldownDays: 50 })
    await insertDismissal(project.id, survey.id, 'cool-old', 40)
    await insertDismissal(project.id, survey.id, 'cool-within', 20)
    await insertDismissal(own.id, long.id, 'own-old', 60)
    await insertDismissal(own.id, long.id, 'own-within', 40)
    await runCron()
    const left = await env.DB.prepare(
      'SELECT id FROM impressions WHERE project_id IN (?, ?) ORDER BY id',
    )
      .bind(project.id, own.id)
      .all<{ id: string }>()
    expect(left.results.map((r) => r.id)).toEqual(['cool-within', 'own-within'])
  })

  it('deletes expired invitations older than retentionDays, and keeps links that still work', async () => {
    const project = await createProject('Links', { retentionDays: 30 })
    const survey = await createSurvey(project.secretKey)
    const plain = await createProject('No retention')
    const plainSurvey = await createSurvey(plain.secretKey)
    const insert = (
      projectId: string,
      surveyId: string,
      id: string,
      age: number,
      expiresIn: number,
    ) =>
      env.DB.prepare(
        `INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, customer_id, email, properties, locale, expires_at, created_at)
         VALUES (?, ?, ?, 'support', 'T-1', 'c1', 'ann@example.com', '{}', 'en', ?, ?)`,
      )
        .bind(id, projectId, surveyId, daysAgo(age - expiresIn), daysAgo(age))
        .run()
    await insert(project.id, survey.id, 'expired-old', 40, 7)
    await insert(project.id, survey.id, 'live-old', 40, 60)
    await insert(project.id, survey.id, 'expired-recent', 20, 7)
    await insert(plain.id, plainSurvey.id, 'plain-expired-old', 40, 7)
    await runCron()
    const left = await env.DB.prepare(
      'SELECT id FROM invitations WHERE project_id IN (?, ?) ORDER BY id',
    )
      .bind(project.id, plain.id)
      .all<{ id: string }>()
    expect(left.results.map((r) => r.id)).toEqual([
      'expired-recent',
      'live-old',
      'plain-expired-old',
    ])
  })
})
