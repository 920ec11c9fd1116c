import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { expectedMetrics, figuresOf, importRows, rawReach, rawRows } from '../manager-helpers'
import { DAY_MS } from '../../../schema/constants'

const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString()

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

describe('DELETE /v1/customers?email=', () => {
  async function seedPerson() {
    const { project, survey } = await setup()
    await importRows(project.secretKey, [
      // anna gave her address once, as customer c-anna; her other answers carry only the id
      {
        surveyId: survey.id,
        customerId: 'c-anna',
        email: 'Anna@Example.com',
        score: 2,
        createdAt: daysAgo(3),
        properties: { segment: 'smb' },
      },
      {
        surveyId: survey.id,
        customerId: 'c-anna',
        score: 9,
        createdAt: daysAgo(2),
        touchpoint: 'support',
      },
      // an anonymous answer with her address, and one of a second id she used
      { surveyId: survey.id, email: 'anna@example.com', score: 5, createdAt: daysAgo(1) },
      // bo stays
      {
        surveyId: survey.id,
        customerId: 'c-bo',
        email: 'bo@example.com',
        score: 10,
        createdAt: daysAgo(1),
        properties: { segment: 'smb' },
      },
    ])
    const now = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at) VALUES (?, 'dismissed', ?, ?, ?, ?)",
      ).bind(uuid(), project.id, survey.id, 'c-anna', now),
      env.DB.prepare(
        "INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at) VALUES (?, 'dismissed', ?, ?, ?, ?)",
      ).bind(uuid(), project.id, survey.id, 'c-anna-2', now),
      env.DB.prepare(
        "INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at) VALUES (?, 'shown', ?, ?, ?, ?)",
      ).bind(uuid(), project.id, survey.id, 'c-bo', now),
      // an invitation links a second id, c-anna-2, to her address
      env.DB.prepare(
        "INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, customer_id, email, expires_at, created_at) VALUES (?, ?, ?, 'support', 'T-10', 'c-anna-2', 'ANNA@example.com', ?, ?)",
      ).bind(uuid().replace(/-/g, ''), project.id, survey.id, now, now),
    ])
    await importRows(project.secretKey, [
      { surveyId: survey.id, customerId: 'c-anna-2', score: 0, createdAt: daysAgo(1) },
    ])
    return { project, survey }
  }

  it('erases the answers and invitations carrying the address, in any case, and everything about the customer ids seen with it', async () => {
    const { project, survey } = await seedPerson()
    // Displays and invitations stay counted in the figures (aggregates that name no one).
    const reach = await rawReach(survey.id)
    const res = await call('DELETE', '/v1/customers?email=anna%40EXAMPLE.com', {
      token: project.secretKey,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ deleted: 4 })
    const raw = await rawRows(survey.id)
    expect(raw.map((r) => r.customer_id)).toEqual(['c-bo'])
    const left = await env.DB.prepare(
      `SELECT (SELECT group_concat(customer_id) FROM impressions WHERE project_id = ?1) AS impressions,
        (SELECT count(*) FROM invitations WHERE project_id = ?1) AS invitations`,
    )
      .bind(project.id)
      .first()
    expect(left).toEqual({ impressions: 'c-bo', invitations: 0 })
    for (const groupBy of [undefined, 'day', 'touchpoint', 'property:segment']) {
      const m = await call(
        'GET',
        `/v1/metrics?surveyId=${survey.id}${groupBy ? `&groupBy=${groupBy}` : ''}`,
        { token: project.secretKey },
      )
      expect(figuresOf(m.json)).toEqual(expectedMetrics('nps', raw, {}, groupBy, { reach }))
    }
    expectProblem(
      await call('DELETE', '/v1/customers?email=anna@example.com', { token: project.secretKey }),
      404,
      'not_found',
    )
  })

  it("refuses a stranger, another project's key and a malformed address, and changes nothing", async () => {
    const { project, survey } = await seedPerson()
    const other = await createProject('Other')
    const q = '/v1/customers?email=anna@example.com'
    expectProblem(await call('DELETE', q), 401)
    expectProblem(await call('DELETE', q, { token: project.publishableKey }), 403)
    expectProblem(await call('DELETE', q, { token: other.secretKey }), 404, 'not_found')
    for (const bad of ['', 'anna', `${'a'.repeat(250)}@example.com`]) {
      expectProblem(
        await call('DELETE', `/v1/customers?email=${encodeURIComponent(bad)}`, {
          token: project.secretKey,
        }),
        400,
        'validation_failed',
        'query.email',
      )
    }
    expectProblem(await call('DELETE', '/v1/customers', { token: project.secretKey }), 400)
    expect(await rawRows(survey.id)).toHaveLength(5)
  })
})
