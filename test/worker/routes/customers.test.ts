import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { expectedMetrics, figuresOf, importRows, rawReach, rawRows } from '../manager-helpers'

const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

describe('GET /v1/customers/at-risk', () => {
  it('lists customers with at least min negative answers in the window, most negative first', async () => {
    const { project, survey } = await setup()
    const ces = await createSurvey(project.secretKey, { kind: 'ces' })
    await importRows(project.secretKey, [
      // anna: two detractor answers and a later promoter one → at risk, last answer the promoter
      { surveyId: survey.id, customerId: 'anna', score: 2, createdAt: daysAgo(30) },
      { surveyId: survey.id, customerId: 'anna', score: 5, createdAt: daysAgo(20) },
      { surveyId: survey.id, customerId: 'anna', score: 10, createdAt: daysAgo(10) },
      // bo: one detractor, one difficult (CES) → at risk across surveys
      { surveyId: survey.id, customerId: 'bo', score: 0, createdAt: daysAgo(5) },
      { surveyId: ces.id, customerId: 'bo', score: 2, createdAt: daysAgo(4) },
      // cy: three detractors, one outside a 90-day window
      { surveyId: survey.id, customerId: 'cy', score: 1, createdAt: daysAgo(100) },
      { surveyId: survey.id, customerId: 'cy', score: 1, createdAt: daysAgo(3) },
      { surveyId: survey.id, customerId: 'cy', score: 1, createdAt: daysAgo(2) },
      { surveyId: survey.id, customerId: 'cy', score: 1, createdAt: daysAgo(1) },
      // dee: one detractor only
      { surveyId: survey.id, customerId: 'dee', score: 0, createdAt: daysAgo(1) },
      // eve: two detractors, one marked as a test below
      { surveyId: survey.id, customerId: 'eve', score: 0, createdAt: daysAgo(1) },
      { id: uuid(), surveyId: survey.id, customerId: 'eve', score: 0, createdAt: daysAgo(2) },
    ])
    const eve = (await rawRows(survey.id)).find((r) => r.customer_id === 'eve')!
    await call('PATCH', `/v1/responses/${eve.id}`, {
      token: project.secretKey,
      body: { test: true },
    })

    const res = await call('GET', '/v1/customers/at-risk', { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    const summary = res.json.data.map((c: any) => [
      c.customerId,
      c.negative,
      c.total,
      c.lastAnswer.score,
    ])
    expect(summary).toEqual([
      ['cy', 3, 3, 1],
      ['bo', 2, 2, 2],
      ['anna', 2, 3, 10],
    ])
    const onlyNps = await call('GET', `/v1/customers/at-risk?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(onlyNps.json.data.map((c: any) => c.customerId)).toEqual(['cy', 'anna'])
    const wide = await call('GET', '/v1/customers/at-risk?days=365&min=4', {
      token: project.secretKey,
    })
    expect(wide.json.data.map((c: any) => [c.customerId, c.negative])).toEqual([['cy', 4]])
    const one = await call('GET', '/v1/customers/at-risk?min=1&days=7', {
      token: project.secretKey,
    })
    expect(one.json.data.map((c: any) => c.customerId).sort()).toEqual(['bo', 'cy', 'dee', 'eve'])
  })

  it('refuses bad parameters and foreign surveys', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    expectProblem(
      await call('GET', '/v1/customers/at-risk?days=0', { token }),
      400,
      'validation_failed',
      'query.days',
    )
    expectProblem(
      await call('GET', '/v1/customers/at-risk?min=abc', { token }),
      400,
      'validation_failed',
      'query.min',
    )
    const other = await createProject('Other')
    expectProblem(
      await call('GET', `/v1/customers/at-risk?surveyId=${survey.id}`, { token: other.secretKey }),
      404,
    )
    expectProblem(await call('GET', '/v1/customers/at-risk'), 401)
  })
})

describe('GET /v1/customers/:customerId', () => {
  it("lists a customer's answers across surveys, newest first, only in this project", async () => {
    const { project, survey } = await setup()
    const csat = await createSurvey(project.secretKey, { kind: 'csat' })
    await importRows(project.secretKey, [
      { surveyId: survey.id, customerId: 'anna', score: 9, createdAt: daysAgo(3) },
      { surveyId: csat.id, customerId: 'anna', score: 2, createdAt: daysAgo(1) },
      { surveyId: survey.id, customerId: 'bo', score: 9, createdAt: daysAgo(1) },
    ])
    const res = await call('GET', '/v1/customers/anna', { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    expect(res.json.data.map((r: any) => [r.surveyId, r.category])).toEqual([
      [csat.id, 'unsatisfied'],
      [survey.id, 'promoter'],
    ])
    const other = await createProject('Other')
    expectProblem(
      await call('GET', '/v1/customers/anna', { token: other.secretKey }),
      404,
      'not_found',
    )
    expectProblem(
      await call('GET', '/v1/customers/nobody', { token: project.secretKey }),
      404,
      'not_found',
    )
    expectProblem(
      await call('GET', `/v1/customers/${'x'.repeat(129)}`, { token: project.secretKey }),
      400,
    )
  })
})

describe('DELETE /v1/customers/:customerId', () => {
  it('erases answers, impressions and invitations, and corrects every figure', async () => {
    const { project, survey } = await setup()
    await importRows(project.secretKey, [
      {
        surveyId: survey.id,
        customerId: 'anna',
        email: 'anna@example.com',
        score: 0,
        touchpoint: 'support',
        properties: { segment: 'smb' },
        createdAt: daysAgo(3),
      },
      { surveyId: survey.id, customerId: 'anna', ref: 'T-9', score: 3, createdAt: daysAgo(2) },
      {
        surveyId: survey.id,
        customerId: 'bo',
        score: 10,
        touchpoint: 'support',
        properties: { segment: 'smb' },
        createdAt: daysAgo(3),
      },
      { surveyId: survey.id, score: 8, createdAt: daysAgo(2) },
    ])
    const now = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at) VALUES (?, 'dismissed', ?, ?, 'anna', ?)",
      ).bind(uuid(), project.id, survey.id, now),
      env.DB.prepare(
        "INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, customer_id, email, expires_at, created_at) VALUES (?, ?, ?, 'support', 'T-10', 'anna', 'anna@example.com', ?, ?)",
      ).bind(uuid().replace(/-/g, ''), project.id, survey.id, now, now),
    ])
    const other = await createProject('Other')
    expectProblem(
      await call('DELETE', '/v1/customers/anna', { token: other.secretKey }),
      404,
      'not_found',
    )
    expect(await rawRows(survey.id)).toHaveLength(4)

    // Displays and invitations stay counted (aggregates that name no one): as if anna had been
    // asked but never answered.
    const reach = await rawReach(survey.id)
    const res = await call('DELETE', '/v1/customers/anna', { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ deleted: 2 })
    const left = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM responses WHERE project_id = ?1 AND (customer_id = 'anna' OR email = 'anna@example.com'))
        + (SELECT count(*) FROM impressions WHERE project_id = ?1 AND customer_id = 'anna')
        + (SELECT count(*) FROM invitations WHERE project_id = ?1 AND (customer_id = 'anna' OR email = 'anna@example.com')) AS n`,
    )
      .bind(project.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)

    const raw = await rawRows(survey.id)
    expect(raw).toHaveLength(2)
    for (const groupBy of [undefined, 'day', 'touchpoint', 'property:segment']) {
      const m = await call(
        'GET',
        `/v1/metrics?surveyId=${survey.id}${groupBy ? `&groupBy=${groupBy}` : ''}`,
        {
          token: project.secretKey,
        },
      )
      expect(figuresOf(m.json)).toEqual(expectedMetrics('nps', raw, {}, groupBy, { reach }))
    }
    expectProblem(
      await call('DELETE', '/v1/customers/anna', { token: project.secretKey }),
      404,
      'not_found',
    )
    expectProblem(await call('GET', '/v1/customers/anna', { token: project.secretKey }), 404)
  })

  it('keeps the same customer id of another project untouched', async () => {
    const a = await setup()
    const b = await setup()
    await importRows(a.project.secretKey, [
      { surveyId: a.survey.id, customerId: 'shared', score: 1, createdAt: daysAgo(1) },
    ])
    await importRows(b.project.secretKey, [
      { surveyId: b.survey.id, customerId: 'shared', score: 1, createdAt: daysAgo(1) },
    ])
    const res = await call('DELETE', '/v1/customers/shared', { token: a.project.secretKey })
    expect(res.json).toEqual({ deleted: 1 })
    expect(await rawRows(b.survey.id)).toHaveLength(1)
    const m = await call('GET', `/v1/metrics?surveyId=${b.survey.id}`, {
      token: b.project.secretKey,
    })
    expect(m.json.total).toBe(1)
  })
})
