// The insight parts of GET /v1/metrics through the real routes: response rates from widget
// displays and link invitations, and the change against an earlier window.
import { describe, expect, it } from 'vitest'
import { answer, call, expectProblem, setup, uuid } from '../helpers'
import { invite, sendForm } from '../invitation-helpers'
import { importRows } from '../manager-helpers'

const metrics = (token: string, query: Record<string, string | undefined>) => {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  )
  return call('GET', `/v1/metrics?${qs}`, { token })
}

describe('response rates', () => {
  it('count widget displays and link invitations when written, answers per channel', async () => {
    const { project, survey } = await setup()
    const today = new Date().toISOString().slice(0, 10)
    const shown = (touchpoint: string, id = uuid()) =>
      call('POST', '/v1/public/impressions', {
        body: { id, surveyId: survey.id, type: 'shown', touchpoint },
      })
    const retried = uuid()
    for (const touchpoint of ['purchase', 'purchase', 'purchase', 'support'])
      expect((await shown(touchpoint)).status).toBe(201)
    expect((await shown('purchase', retried)).status).toBe(201)
    expect((await shown('purchase', retried)).status).toBe(200) // a retry counts once
    await call('POST', '/v1/public/impressions', {
      body: { id: retried, surveyId: survey.id, type: 'dismissed', touchpoint: 'purchase' },
    })
    expect((await answer(survey.id, { touchpoint: 'purchase' })).status).toBe(201)
    expect((await answer(survey.id, { touchpoint: 'purchase' })).status).toBe(201)
    const links = [
      await invite(project.secretKey, { surveyId: survey.id, touchpoint: 'support', ref: 'T-1' }),
      await invite(project.secretKey, { surveyId: survey.id, touchpoint: 'support', ref: 'T-2' }),
    ]
    expect((await sendForm(links[0].path, { score: '3', reason: 'Slow reply' })).status).toBe(200)
    // Imported history is neither a widget nor a link answer.
    await importRows(project.secretKey, [
      {
        surveyId: survey.id,
        score: 9,
        touchpoint: 'purchase',
        createdAt: new Date().toISOString(),
      },
    ])

    const res = await metrics(project.secretKey, { surveyId: survey.id, from: today, to: today })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({
      total: 4,
      shown: 5,
      responseRate: 40,
      invited: 2,
      linkResponseRate: 50,
    })
    const byTouchpoint = await metrics(project.secretKey, {
      surveyId: survey.id,
      groupBy: 'touchpoint',
    })
    expect(
      byTouchpoint.json.series.map((s: Record<string, unknown>) => [
        s.key,
        s.total,
        s.shown,
        s.responseRate,
        s.invited,
        s.linkResponseRate,
      ]),
    ).toEqual([
      ['purchase', 3, 4, 50, 0, null],
      ['support', 1, 1, 0, 2, 50],
    ])
    const byDay = await metrics(project.secretKey, { surveyId: survey.id, groupBy: 'day' })
    expect(byDay.json.series).toHaveLength(1)
    expect(byDay.json.series[0]).toMatchObject({ key: today, shown: 5, invited: 2 })
    // Property series have no displays to divide by.
    const other = await metrics(project.secretKey, {
      surveyId: survey.id,
      groupBy: 'property:plan',
    })
    expect(other.json.series[0]?.shown).toBeUndefined()
  })
})

describe('change against an earlier window', () => {
  it('reproduces the NPS difference worked by hand in test/schema/compare.test.ts', async () => {
    const { project, survey } = await setup()
    const rows = (day: string, p: number, passives: number, d: number) =>
      [...Array(p).fill(10), ...Array(passives).fill(8), ...Array(d).fill(3)].map((score) => ({
        surveyId: survey.id,
        score,
        createdAt: `${day}T12:00:00.000Z`,
      }))
    // Previous window (Oct 1–10): n 200, P 100, D 40; this window (Oct 11–20): n 100, P 60, D 20.
    await importRows(project.secretKey, [
      ...rows('2026-10-03', 100, 60, 40),
      ...rows('2026-10-15', 60, 20, 20),
      ...rows('2026-09-30', 5, 0, 0), // outside both windows
    ])
    const res = await metrics(project.secretKey, {
      surveyId: survey.id,
      from: '2026-10-11',
      to: '2026-10-20',
      compare: 'previous',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json.nps).toBe(40)
    expect(res.json.change).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-10',
      previous: { total: 200, nps: 30, ci95: { low: 18.8, high: 40.3 } },
      delta: 9.3,
      ci95: { low: -9.5, high: 28.1 },
      pValue: 0.3339,
      significant: false,
      lowSample: false,
    })
    expect(res.json.change.previous.distribution[10]).toEqual({ score: 10, count: 100 })
    // The same window named explicitly gives the same change.
    const explicit = await metrics(project.secretKey, {
      surveyId: survey.id,
      from: '2026-10-11',
      to: '2026-10-20',
      compareFrom: '2026-10-01',
      compareTo: '2026-10-10',
    })
    expect(explicit.json.change).toEqual(res.json.change)
  })

  it('refuses comparisons it cannot make', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    const base = { surveyId: survey.id }
    expectProblem(
      await metrics(token, { ...base, compare: 'previous' }),
      400,
      'validation_failed',
      'query.compare',
    )
    expectProblem(
      await metrics(token, { ...base, compare: 'last-year', from: '2026-01-01', to: '2026-01-02' }),
      400,
      'validation_failed',
      'query.compare',
    )
    expectProblem(
      await metrics(token, { ...base, compareFrom: '2026-01-01' }),
      400,
      'validation_failed',
      'query.compareFrom',
    )
    expectProblem(
      await metrics(token, { ...base, compareFrom: '2026-01-05', compareTo: '2026-01-01' }),
      400,
      'validation_failed',
      'query.compareFrom',
    )
    expectProblem(
      await metrics(token, {
        ...base,
        from: '2026-01-01',
        to: '2026-01-02',
        compare: 'previous',
        compareFrom: '2025-01-01',
        compareTo: '2025-01-02',
      }),
      400,
      'validation_failed',
      'query.compare',
    )
  })
})
