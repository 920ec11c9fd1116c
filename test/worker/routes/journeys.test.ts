import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POLARITIES } from '../../../schema/constants'
import { polarityOf, share } from '../../../schema/scoring'
import { wilson } from '../../../schema/stats'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { importRows } from '../manager-helpers'

const journeys = (token: string, query: Record<string, string | undefined>) => {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  )
  return call('GET', `/v1/journeys?${qs}`, { token })
}

const at = (day: number, hour = 10) =>
  `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`

describe('GET /v1/journeys', () => {
  it('follows each customer across touchpoints: transitions, drops and their Wilson interval', async () => {
    const { project, survey } = await setup()
    const a = (customerId: string, day: number, score: number, touchpoint?: string) => ({
      surveyId: survey.id,
      customerId,
      score,
      createdAt: at(day),
      ...(touchpoint ? { touchpoint } : {}),
    })
    await importRows(project.secretKey, [
      // A: promoter at purchase, detractor at delivery (a drop), passive at support (a rise).
      a('A', 1, 10, 'purchase'),
      a('A', 2, 3, 'delivery'),
      a('A', 3, 8, 'support'),
      // B: the step to delivery starts from B's latest purchase answer (detractor): no drop.
      a('B', 1, 8, 'purchase'),
      a('B', 2, 2, 'purchase'),
      a('B', 3, 1, 'delivery'),
      // C: one touchpoint only, so no journey.
      a('C', 1, 10, 'delivery'),
      a('C', 2, 2, 'delivery'),
      // D: drops arriving at delivery; a later delivery answer is no new arrival.
      a('D', 1, 9, 'purchase'),
      a('D', 2, 7, 'delivery'),
      a('D', 3, 10, 'delivery'),
      // E: an answer without a touchpoint is skipped; purchase → support is a drop.
      a('E', 1, 10, 'purchase'),
      a('E', 2, 0),
      a('E', 3, 4, 'support'),
      // F: outside the window.
      a('F', 20, 10, 'purchase'),
      a('F', 21, 0, 'support'),
    ])
    // Anonymous answers and another project's customers never count.
    await importRows(project.secretKey, [
      { surveyId: survey.id, score: 0, touchpoint: 'support', createdAt: at(2) },
    ])
    const other = await setup()
    await importRows(other.project.secretKey, [
      {
        surveyId: other.survey.id,
        customerId: 'A',
        score: 0,
        touchpoint: 'support',
        createdAt: at(4),
      },
    ])

    const res = await journeys(project.secretKey, { from: '2026-10-01', to: '2026-10-10' })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-10',
      surveyId: null,
      customers: 4,
    })
    const t = (f: string, fp: string, to: string, tp: string) => ({
      fromTouchpoint: f,
      fromPolarity: fp,
      toTouchpoint: to,
      toPolarity: tp,
      customers: 1,
    })
    expect(res.json.transitions).toEqual([
      t('delivery', 'negative', 'support', 'neutral'),
      t('purchase', 'negative', 'delivery', 'negative'),
      t('purchase', 'positive', 'delivery', 'negative'),
      t('purchase', 'positive', 'delivery', 'neutral'),
      t('purchase', 'positive', 'support', 'negative'),
    ])
    // Wilson by hand: 2 of 3 → centre (0.6667 + 0.6403)/2.2805 = 0.5731, half
    // 1.96·√(0.07407 + 0.10671)/2.2805 = 0.3655 → [20.8, 93.9]; 1 of 2 → [9.5, 90.5].
    expect(res.json.touchpoints).toEqual([
      {
        touchpoint: 'delivery',
        customers: 3,
        dropped: 2,
        dropRate: 66.7,
        ci95: { low: 20.8, high: 93.9 },
      },
      {
        touchpoint: 'support',
        customers: 2,
        dropped: 1,
        dropRate: 50,
        ci95: { low: 9.5, high: 90.5 },
      },
    ])
    // Narrowed to one survey (of the project) the same; another survey has none.
    const second = await createSurvey(project.secretKey)
    const none = await journeys(project.secretKey, {
      surveyId: second.id,
      from: '2026-10-01',
      to: '2026-10-10',
    })
    expect(none.json).toMatchObject({ customers: 0, transitions: [], touchpoints: [] })
  })

  it('gives at-risk customers their last drop', async () => {
    const { project, survey } = await setup()
    const now = Date.now()
    const ago = (days: number) => new Date(now - days * 86_400_000).toISOString()
    await importRows(project.secretKey, [
      { surveyId: survey.id, customerId: 'R', score: 9, touchpoint: 'purchase', createdAt: ago(5) },
      { surveyId: survey.id, customerId: 'R', score: 2, touchpoint: 'delivery', createdAt: ago(4) },
      { surveyId: survey.id, customerId: 'R', score: 1, touchpoint: 'support', createdAt: ago(3) },
      { surveyId: survey.id, customerId: 'S', score: 1, touchpoint: 'support', createdAt: ago(3) },
      { surveyId: survey.id, customerId: 'S', score: 2, touchpoint: 'support', createdAt: ago(2) },
    ])
    const res = await call('GET', '/v1/customers/at-risk', { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    const byId = Object.fromEntries(res.json.data.map((c: any) => [c.customerId, c]))
    expect(byId.R.lastDrop).toMatchObject({
      fromTouchpoint: 'purchase',
      fromPolarity: 'positive',
      toTouchpoint: 'delivery',
      toPolarity: 'negative',
      at: ago(4),
    })
    expect(byId.S.lastDrop).toBeNull()
  })

  it('refuses hostile or impossible queries with problem+json', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    expectProblem(
      await journeys(token, { from: '2026-03-02', to: '2026-03-01' }),
      400,
      'validation_failed',
      'query.from',
    )
    expectProblem(
      await journeys(token, { from: '2026-02-30' }),
      400,
      'validation_failed',
      'query.from',
    )
    expectProblem(await journeys(token, { surveyId: "x' OR 1=1" }), 400, 'validation_failed')
    expectProblem(await journeys(token, { surveyId: 'srv_unknown' }), 404, 'not_found')
    const other = await createProject('Other')
    expectProblem(await journeys(other.secretKey, { surveyId: survey.id }), 404, 'not_found')
    expectProblem(await call('GET', '/v1/journeys'), 401)
    expectProblem(await journeys(project.publishableKey, {}), 403)
  })
})

// Random customers' answers, then every journey figure against a walk over the raw rows.
interface Raw {
  id: string
  survey_id: string
  customer_id: string | null
  touchpoint: string | null
  score: number
  is_test: number
  answered_at: string
}

function expectedJourneys(raw: Raw[], from: string, to: string, surveyId?: string) {
  const rank = (r: Raw) => POLARITIES.indexOf(polarityOf('nps', r.score))
  const live = raw
    .filter(
      (r) =>
        r.is_test === 0 &&
        r.customer_id !== null &&
        r.touchpoint !== null &&
        r.answered_at.slice(0, 10) >= from &&
        r.answered_at.slice(0, 10) <= to &&
        (!surveyId || r.survey_id === surveyId),
    )
    .sort((a, b) =>
      a.answered_at === b.answered_at
        ? a.id < b.id
          ? -1
          : 1
        : a.answered_at < b.answered_at
          ? -1
          : 1,
    )
  const transitions = new Map<string, Set<string>>()
  const latestArrival = new Map<string, boolean>() // customer|touchpoint → dropped
  const customers = new Set<string>()
  const last = new Map<string, Raw>()
  for (const r of live) {
    const prev = last.get(r.customer_id!)
    last.set(r.customer_id!, r)
    if (!prev || prev.touchpoint === r.touchpoint) continue
    const key = JSON.stringify([
      prev.touchpoint,
      POLARITIES[rank(prev)],
      r.touchpoint,
      POLARITIES[rank(r)],
    ])
    transitions.set(key, (transitions.get(key) ?? new Set()).add(r.customer_id!))
    latestArrival.set(`${r.customer_id}|${r.touchpoint}`, rank(r) < rank(prev))
    customers.add(r.customer_id!)
  }
  const perTouchpoint = new Map<string, { customers: number; dropped: number }>()
  for (const [k, dropped] of latestArrival) {
    const tp = k.slice(k.indexOf('|') + 1)
    const t = perTouchpoint.get(tp) ?? { customers: 0, dropped: 0 }
    t.customers++
    t.dropped += dropped ? 1 : 0
    perTouchpoint.set(tp, t)
  }
  return {
    customers: customers.size,
    transitions: [...transitions].map(([k, set]) => {
      const [fromTouchpoint, fromPolarity, toTouchpoint, toPolarity] = JSON.parse(k)
      return { fromTouchpoint, fromPolarity, toTouchpoint, toPolarity, customers: set.size }
    }),
    touchpoints: [...perTouchpoint]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([touchpoint, t]) => {
        const ci = wilson(t.dropped, t.customers)!
        return {
          touchpoint,
          ...t,
          dropRate: share(t.dropped, t.customers),
          ci95: { low: Math.round(1000 * ci.low) / 10, high: Math.round(1000 * ci.high) / 10 },
        }
      }),
  }
}

const canonical = (ts: { customers: number }[]) => ts.map((t) => JSON.stringify(t)).sort()

describe('GET /v1/journeys against raw rows', () => {
  it('matches a walk over the raw answers for random customers', async () => {
    const { project, survey } = await setup()
    const second = await createSurvey(project.secretKey)
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            customer: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
            survey: fc.boolean(),
            score: fc.integer({ min: 0, max: 10 }),
            touchpoint: fc.constantFrom(undefined, 'purchase', 'delivery', 'support'),
            minute: fc.integer({ min: 0, max: 12 * 24 * 60 }),
            test: fc.boolean(),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        async (answers, fromDay, days, bySurvey) => {
          // A fresh prefix per run keeps customers of earlier runs out.
          const run = uuid().slice(0, 8)
          const ids = answers.map(() => uuid())
          await importRows(
            project.secretKey,
            answers.map((a, i) => ({
              id: ids[i],
              surveyId: a.survey ? second.id : survey.id,
              customerId: `${run}-${a.customer}`,
              score: a.score,
              createdAt: new Date(
                Date.parse('2026-05-01T00:00:00Z') + a.minute * 60_000,
              ).toISOString(),
              ...(a.touchpoint ? { touchpoint: a.touchpoint } : {}),
            })),
          )
          for (const [i, a] of answers.entries()) {
            if (a.test)
              await call('PATCH', `/v1/responses/${ids[i]}`, {
                token: project.secretKey,
                body: { test: true },
              })
          }
          const from = `2026-05-${String(fromDay).padStart(2, '0')}`
          const to = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10)
          const surveyId = bySurvey ? survey.id : undefined
          // The oracle walks every answer of the project: earlier runs' customers count too.
          const res = await journeys(project.secretKey, { from, to, surveyId })
          expect(res.status, res.text).toBe(200)
          const { results: all } = await env.DB.prepare(
            'SELECT * FROM responses WHERE project_id = ?',
          )
            .bind(project.id)
            .all<Raw>()
          const expected = expectedJourneys(all, from, to, surveyId)
          expect(res.json.customers).toBe(expected.customers)
          expect(canonical(res.json.transitions)).toEqual(canonical(expected.transitions))
          expect(res.json.touchpoints).toEqual(expected.touchpoints)
        },
      ),
      { numRuns: 20 },
    )
  }, 120_000)
})
