import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS, SCALES, SURVEY_KINDS, type SurveyKind } from '../../../schema/constants'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import {
  expectedMetrics,
  figuresOf,
  importRows,
  rawReach,
  rawRows,
  type ImportRowInput,
} from '../manager-helpers'

/** The same-length window before from..to, counted day by day (not with the worker's arithmetic). */
function previousOf(from: string, to: string) {
  let length = 0
  for (let d = from; d <= to; d = new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10))
    length++
  const start = Date.parse(from) - length * 86_400_000
  return {
    from: new Date(start).toISOString().slice(0, 10),
    to: new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10),
  }
}

const metrics = (token: string, query: Record<string, string | undefined>) => {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  )
  return call('GET', `/v1/metrics?${qs}`, { token })
}

describe('GET /v1/metrics', () => {
  it('reproduces the worked example of the spec: n 200, P 100, D 40', async () => {
    const { project, survey } = await setup()
    const scores = [...Array(100).fill(10), ...Array(60).fill(8), ...Array(40).fill(3)]
    await importRows(
      project.secretKey,
      scores.map((score) => ({
        surveyId: survey.id,
        score,
        createdAt: '2026-10-01T10:00:00.000Z',
      })),
    )
    const res = await metrics(project.secretKey, { surveyId: survey.id })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({
      kind: 'nps',
      total: 200,
      promoters: 100,
      passives: 60,
      detractors: 40,
      nps: 30,
      marginOfError: 10.8,
      ci95: { low: 18.8, high: 40.3 },
      lowSample: false,
    })
    expect(res.json.series).toBeUndefined()
  })

  it('reads rollup rows in proportion to buckets, not answers', async () => {
    const { project } = await setup()
    const rowsRead = async (answers: number) => {
      const survey = await createSurvey(project.secretKey)
      const rows = Array.from({ length: answers }, (_, i) => ({
        surveyId: survey.id,
        score: i % 11,
        touchpoint: i % 2 ? 'purchase' : 'support',
        createdAt: `2026-10-0${1 + (Math.floor(i / 2) % 3)}T10:00:00.000Z`,
      }))
      await importRows(project.secretKey, rows)
      const res = await metrics(project.secretKey, { surveyId: survey.id, groupBy: 'day' })
      expect(res.json.total).toBe(answers)
      return Number(res.headers.get('x-d1-rows-read'))
    }
    // The same 3 days × 2 touchpoints = 6 buckets, with 6 or with 600 answers in them.
    // SQLite may step onto one row past the survey's key range to see that it ended.
    for (const answers of [6, 600]) {
      const read = await rowsRead(answers)
      expect(read).toBeGreaterThanOrEqual(6)
      expect(read).toBeLessThanOrEqual(7)
    }
  })

  it('puts answers at the edges of days, ISO weeks and months into the right buckets', async () => {
    const { project, survey } = await setup()
    const at = [
      '2025-11-23T23:59:59.999Z', // Sunday: week of Monday 17th
      '2025-11-24T00:00:00.000Z', // Monday: a new week
      '2025-11-30T23:59:59.999Z', // last instant of November, a Sunday: still the week of the 24th
      '2025-12-01T00:00:00.000Z', // first instant of December, a Monday
      '2025-12-31T23:59:59.999Z', // Wednesday of ISO week 2026-W01, which starts Monday 29 Dec 2025
      '2026-01-04T12:00:00.000Z', // Sunday, still that week, another year and month
    ]
    await importRows(
      project.secretKey,
      at.map((createdAt) => ({ surveyId: survey.id, score: 10, createdAt })),
    )
    const keys = async (groupBy: string, w: Record<string, string> = {}) => {
      const res = await metrics(project.secretKey, { surveyId: survey.id, groupBy, ...w })
      expect(res.status, res.text).toBe(200)
      return res.json.series.map((s: { key: string; total: number }) => [s.key, s.total])
    }
    expect(await keys('week')).toEqual([
      ['2025-11-17', 1],
      ['2025-11-24', 2],
      ['2025-12-01', 1],
      ['2025-12-29', 2],
    ])
    expect(await keys('month')).toEqual([
      ['2025-11', 3],
      ['2025-12', 2],
      ['2026-01', 1],
    ])
    expect(await keys('day', { from: '2025-11-24', to: '2025-11-30' })).toEqual([
      ['2025-11-24', 1],
      ['2025-11-30', 1],
    ])
    // A week cut by the window holds only the days inside it.
    expect(await keys('week', { from: '2025-11-30', to: '2025-12-31' })).toEqual([
      ['2025-11-24', 1],
      ['2025-12-01', 1],
      ['2025-12-29', 1],
    ])
    const one = await metrics(project.secretKey, {
      surveyId: survey.id,
      from: '2025-11-30',
      to: '2025-11-30',
    })
    expect(one.json.total).toBe(1)
  })

  it('leaves test answers out and takes them back in when unmarked', async () => {
    const { project, survey } = await setup()
    const ids = [uuid(), uuid()]
    await importRows(project.secretKey, [
      { id: ids[0], surveyId: survey.id, score: 0, createdAt: '2026-10-01T10:00:00.000Z' },
      { id: ids[1], surveyId: survey.id, score: 10, createdAt: '2026-10-01T10:00:00.000Z' },
    ])
    const patch = (test: boolean) =>
      call('PATCH', `/v1/responses/${ids[0]}`, { token: project.secretKey, body: { test } })
    expect((await patch(true)).status).toBe(200)
    let res = await metrics(project.secretKey, { surveyId: survey.id })
    expect(res.json).toMatchObject({ total: 1, detractors: 0, nps: 100 })
    expect((await patch(false)).status).toBe(200)
    res = await metrics(project.secretKey, { surveyId: survey.id })
    expect(res.json).toMatchObject({ total: 2, detractors: 1, nps: 0 })
  })

  it('reports CES and CSAT with their own figures', async () => {
    const { project } = await setup()
    const ces = await createSurvey(project.secretKey, { kind: 'ces' })
    const csat = await createSurvey(project.secretKey, { kind: 'csat' })
    const createdAt = '2026-10-01T10:00:00.000Z'
    await importRows(project.secretKey, [
      ...[7, 5, 4, 1].map((score) => ({ surveyId: ces.id, score, createdAt })),
      ...[5, 4, 3].map((score) => ({ surveyId: csat.id, score, createdAt })),
    ])
    const c = await metrics(project.secretKey, { surveyId: ces.id })
    expect(figuresOf(c.json)).toMatchObject({
      total: 4,
      average: 4.25,
      easy: 2,
      neutral: 1,
      difficult: 1,
      easyShare: 50,
    })
    expect(c.json.distribution.map((d: { count: number }) => d.count)).toEqual([
      1, 0, 0, 1, 1, 0, 1,
    ])
    const s = await metrics(project.secretKey, { surveyId: csat.id })
    expect(figuresOf(s.json)).toMatchObject({
      total: 3,
      average: 4,
      satisfied: 2,
      satisfiedShare: 66.7,
    })
    expect(s.json.distribution).toEqual(
      [1, 2, 3, 4, 5].map((score) => ({ score, count: +(score >= 3) })),
    )
  })

  it('covers history for a segment key added later', async () => {
    const { project, survey } = await setup({ segmentKeys: ['plan'] })
    await importRows(project.secretKey, [
      {
        surveyId: survey.id,
        score: 10,
        properties: { region: 'north', plan: 'pro' },
        createdAt: '2026-10-01T10:00:00.000Z',
      },
      {
        surveyId: survey.id,
        score: 2,
        properties: { region: 'south' },
        createdAt: '2026-10-02T10:00:00.000Z',
      },
    ])
    const before = await metrics(project.secretKey, {
      surveyId: survey.id,
      groupBy: 'property:region',
    })
    expectProblem(before, 400, 'validation_failed', 'query.groupBy')
    const patched = await call('PATCH', `/v1/surveys/${survey.id}`, {
      token: project.secretKey,
      body: { segmentKeys: ['plan', 'region'] },
    })
    expect(patched.status).toBe(200)
    const after = await metrics(project.secretKey, {
      surveyId: survey.id,
      groupBy: 'property:region',
    })
    expect(after.json.series.map((s: { key: string; total: number }) => [s.key, s.total])).toEqual([
      ['north', 1],
      ['south', 1],
    ])
  })

  it('refuses hostile or impossible queries with problem+json', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    expectProblem(
      await metrics(token, { surveyId: survey.id, groupBy: 'year' }),
      400,
      'validation_failed',
      'query.groupBy',
    )
    expectProblem(
      await metrics(token, { surveyId: survey.id, groupBy: 'property:' }),
      400,
      'validation_failed',
    )
    expectProblem(
      await metrics(token, { surveyId: survey.id, from: '2026-02-30' }),
      400,
      'validation_failed',
      'query.from',
    )
    expectProblem(
      await metrics(token, { surveyId: survey.id, from: '2026-03-02', to: '2026-03-01' }),
      400,
      'validation_failed',
      'query.from',
    )
    expectProblem(
      await metrics(token, { surveyId: survey.id, tz: 'Europe/Copenhagen' }),
      400,
      'validation_failed',
      'query.tz',
    )
    expect((await metrics(token, { surveyId: survey.id, tz: 'UTC' })).status).toBe(200)
    expectProblem(
      await metrics(token, { surveyId: "x' OR 1=1 --" }),
      400,
      'validation_failed',
      'query.surveyId',
    )
    expectProblem(await metrics(token, {}), 400, 'validation_failed', 'query.surveyId')
    expectProblem(await metrics(token, { surveyId: 'srv_unknown' }), 404, 'not_found')
    expectProblem(await call('GET', `/v1/metrics?surveyId=${survey.id}`), 401, 'unauthorized')
    expectProblem(await metrics(project.publishableKey, { surveyId: survey.id }), 403)
  })

  it("answers another project's survey with 404", async () => {
    const { survey } = await setup()
    const other = await createProject('Other')
    expectProblem(await metrics(other.secretKey, { surveyId: survey.id }), 404, 'not_found')
  })
})

// Random answers through every write path (live, import, retry, a later answer for the same ref,
// the test flag, erasure), then every figure compared with a computation on the raw rows.
const BASE = Date.parse('2026-02-20T00:00:00.000Z') // 40 days cross a month edge and several weeks
const day = (offset: number) => new Date(BASE + offset * DAY_MS).toISOString().slice(0, 10)

const answerArb = (kind: SurveyKind) =>
  fc.record({
    score: fc.integer(SCALES[kind]),
    at: fc.oneof(
      fc.integer({ min: 0, max: 40 * DAY_MS - 1 }),
      fc.constantFrom(0, DAY_MS - 1, DAY_MS, 9 * DAY_MS - 1),
    ),
    touchpoint: fc.constantFrom(undefined, 'purchase', 'support'),
    customerId: fc.constantFrom(undefined, 'c1', 'c2', 'c3'),
    ref: fc.constantFrom(undefined, 'o1', 'o2'),
    segment: fc.constantFrom(undefined, 'smb', 'ent'),
    plan: fc.constantFrom(undefined, 'pro', true, 7, 2.5),
    // Imports arrive as 'import'; a changed channel moves the answer between the rate numerators.
    channel: fc.constantFrom('import', 'widget', 'link'),
  })

// Widget displays and link invitations on random days (stored as the routes store them).
const reachArb = fc.array(
  fc.record({
    type: fc.constantFrom('shown' as const, 'invited' as const),
    at: fc.integer({ min: 0, max: 45 * DAY_MS - 1 }),
    touchpoint: fc.constantFrom(undefined, 'purchase', 'support'),
  }),
  { maxLength: 12 },
)

const scenarioArb = fc.constantFrom(...SURVEY_KINDS).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    answers: fc.array(answerArb(kind), { minLength: 1, maxLength: 40 }),
    retries: fc.array(fc.nat(), { maxLength: 5 }),
    tests: fc.array(fc.nat(), { maxLength: 4 }),
    erase: fc.constantFrom(undefined, 'c1', 'c2'),
    reach: reachArb,
    window: fc.record({
      from: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      to: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
      touchpoint: fc.constantFrom(undefined, 'purchase', 'support'),
      compare: fc.constantFrom(undefined, 'previous', 'explicit'),
      compareFrom: fc.integer({ min: 0, max: 40 }),
      compareDays: fc.integer({ min: 0, max: 20 }),
    }),
  }),
)

/** Stores displays and invitations directly: the triggers count them as the routes' inserts do. */
async function storeReach(
  projectId: string,
  surveyId: string,
  reach: { type: 'shown' | 'invited'; at: number; touchpoint?: string }[],
) {
  const statements = reach.map((r) => {
    const at = new Date(BASE + r.at).toISOString()
    return r.type === 'shown'
      ? env.DB.prepare(
          `INSERT INTO impressions (id, type, project_id, survey_id, touchpoint, created_at)
           VALUES (?, 'shown', ?, ?, ?, ?)`,
        ).bind(uuid(), projectId, surveyId, r.touchpoint ?? null, at)
      : env.DB.prepare(
          `INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, expires_at, created_at)
           VALUES (?, ?, ?, ?, 'T-1', ?, ?)`,
        ).bind(uuid().replaceAll('-', ''), projectId, surveyId, r.touchpoint ?? 'support', at, at)
  })
  if (statements.length) await env.DB.batch(statements)
}

describe('GET /v1/metrics against raw rows', () => {
  it('matches a direct computation on the raw rows for random data', async () => {
    const project = await createProject('Random')
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const survey = await createSurvey(project.secretKey, {
          kind: s.kind,
          segmentKeys: ['segment', 'plan'],
        })
        const rows: ImportRowInput[] = s.answers.map((a) => ({
          id: uuid(),
          surveyId: survey.id,
          score: a.score,
          createdAt: new Date(BASE + a.at).toISOString(),
          ...(a.touchpoint ? { touchpoint: a.touchpoint } : {}),
          ...(a.customerId ? { customerId: a.customerId } : {}),
          ...(a.ref ? { ref: a.ref } : {}),
          properties: {
            ...(a.segment ? { segment: a.segment } : {}),
            ...(a.plan !== undefined ? { plan: a.plan } : {}),
            country: 'DK',
          },
        }))
        // Two imports, so that later rows for a ref replace stored ones across calls too.
        const half = Math.ceil(rows.length / 2)
        await importRows(project.secretKey, rows.slice(0, half))
        if (rows.length > half) await importRows(project.secretKey, rows.slice(half))
        // Retries: the same ids again change nothing.
        const again = s.retries.map((i) => rows[i % rows.length])
        if (again.length) await importRows(project.secretKey, again)
        // One live answer through the public path.
        const live = await call('POST', '/v1/public/responses', {
          body: {
            id: uuid(),
            surveyId: survey.id,
            score: SCALES[s.kind].max,
            touchpoint: 'purchase',
            customerId: 'c1',
            properties: { segment: 'smb' },
          },
        })
        expect(live.status, live.text).toBe(201)
        const changed = rows.filter((_, i) => s.answers[i].channel !== 'import')
        for (const r of changed) {
          await env.DB.prepare('UPDATE responses SET channel = ? WHERE id = ?')
            .bind(s.answers[rows.indexOf(r)].channel, r.id!.toLowerCase())
            .run()
        }
        await storeReach(project.id, survey.id, s.reach)
        const stored = await rawRows(survey.id)
        for (const i of s.tests) {
          const id = stored[i % stored.length].id
          const res = await call('PATCH', `/v1/responses/${id}`, {
            token: project.secretKey,
            body: { test: true },
          })
          expect(res.status, res.text).toBe(200)
        }
        if (s.erase) {
          const res = await call('DELETE', `/v1/customers/${s.erase}`, { token: project.secretKey })
          expect([200, 404]).toContain(res.status)
        }

        const raw = await rawRows(survey.id)
        const reach = await rawReach(survey.id)
        const w = {
          from: s.window.from === undefined ? undefined : day(s.window.from),
          to: s.window.to === undefined ? undefined : day(s.window.to),
          touchpoint: s.window.touchpoint,
        }
        if (w.from && w.to && w.from > w.to) [w.from, w.to] = [w.to, w.from]
        const { compareFrom, compareDays } = s.window
        const explicit = { from: day(compareFrom), to: day(compareFrom + compareDays) }
        const compare =
          s.window.compare === 'explicit'
            ? explicit
            : s.window.compare === 'previous' && w.from && w.to
              ? previousOf(w.from, w.to)
              : undefined
        const compareQuery =
          compare === undefined
            ? {}
            : s.window.compare === 'previous'
              ? { compare: 'previous' }
              : { compareFrom: explicit.from, compareTo: explicit.to }
        for (const groupBy of [
          undefined,
          'day',
          'week',
          'month',
          'touchpoint',
          'property:segment',
          'property:plan',
        ]) {
          const res = await metrics(project.secretKey, {
            surveyId: survey.id,
            groupBy,
            ...w,
            ...compareQuery,
          })
          expect(res.status, res.text).toBe(200)
          expect(figuresOf(res.json), `groupBy ${groupBy}`).toEqual(
            expectedMetrics(s.kind, raw, w, groupBy, { reach, compare }),
          )
        }
        await expectRollupsMatch(survey.id, raw, reach)
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})

/**
 * The rollup table itself equals a recount of the raw rows, bucket by bucket (survey × day ×
 * touchpoint × channel): no stale, negative or empty bucket.
 */
async function expectRollupsMatch(
  surveyId: string,
  raw: Awaited<ReturnType<typeof rawRows>>,
  reach: Awaited<ReturnType<typeof rawReach>>,
) {
  const scoreColumns = Array.from({ length: 11 }, (_, i) => `s${i}`)
  const { results } = await env.DB.prepare(
    `SELECT day, touchpoint, channel, total, score_sum, asked, ${scoreColumns.join(', ')}
     FROM rollup_days WHERE survey_id = ? ORDER BY day, touchpoint, channel`,
  )
    .bind(surveyId)
    .all<Record<string, string | number>>()
  const expected = new Map<string, Record<string, string | number>>()
  const bucket = (day: string, touchpoint: string | null, channel: string) => {
    const k = `${day}|${touchpoint ?? ''}|${channel}`
    const b = expected.get(k) ?? {
      day,
      touchpoint: touchpoint ?? '',
      channel,
      ...Object.fromEntries(['total', 'score_sum', 'asked', ...scoreColumns].map((c) => [c, 0])),
    }
    expected.set(k, b)
    return b as Record<string, number>
  }
  for (const r of raw.filter((r) => r.is_test === 0)) {
    const b = bucket(r.answered_at.slice(0, 10), r.touchpoint, r.link_channel ?? r.channel)
    b.total++
    b.score_sum += r.score
    b[`s${r.score}`]++
  }
  for (const r of reach) bucket(r.created_at.slice(0, 10), r.touchpoint, r.channel).asked++
  const sorted = [...expected.values()].sort((a, b) => {
    const k = ['day', 'touchpoint', 'channel'].find((c) => a[c] !== b[c])
    return k === undefined ? 0 : a[k] < b[k] ? -1 : 1
  })
  expect(results).toEqual(sorted)
}
