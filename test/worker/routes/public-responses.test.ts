import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import {
  answer,
  call,
  createProject,
  createSurvey,
  expectProblem,
  freshLimiterWindow,
  setup,
  uuid,
} from '../helpers'

const count = async (surveyId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE survey_id = ?')
    .bind(surveyId)
    .first<{ n: number }>())!.n

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/v1/public/responses', { body, headers })

describe('POST /v1/public/responses', () => {
  it('stores an answer with its category and keeps only the path of the page URL', async () => {
    const { project, survey } = await setup()
    const id = uuid()
    const res = await post({
      id,
      surveyId: survey.id,
      score: 6,
      reason: 'Slow delivery',
      touchpoint: 'purchase',
      ref: 'order-1',
      customerId: 'cus_1',
      email: 'ann@example.com',
      properties: { plan: 'pro', seats: 3, trial: false },
      locale: 'da-DK',
      pageUrl: 'https://shop.example/checkout/done?email=ann@example.com#x',
    })
    expect(res.status).toBe(201)
    expect(res.json).toEqual({ id, category: 'detractor' })
    const list = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(list.json.data[0]).toMatchObject({
      id,
      score: 6,
      category: 'detractor',
      reason: 'Slow delivery',
      touchpoint: 'purchase',
      ref: 'order-1',
      customerId: 'cus_1',
      email: 'ann@example.com',
      properties: { plan: 'pro', seats: 3, trial: false },
      locale: 'da-DK',
      pagePath: '/checkout/done',
      channel: 'widget',
      test: false,
    })
  })

  it('stores a retried id once and answers the retry with 200 and the same body', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), surveyId: survey.id, score: 10 }
    const first = await post(body)
    const again = await post({ ...body, score: 2 })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.json).toEqual(first.json)
    expect(await count(survey.id)).toBe(1)
  })

  it('stores one row when the same id arrives many times at once', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), surveyId: survey.id, score: 8 }
    const results = await Promise.all(Array.from({ length: 12 }, () => post(body)))
    expect(results.map((r) => r.status).sort((x, y) => x - y)).toEqual([
      ...Array(11).fill(200),
      201,
    ])
    expect(new Set(results.map((r) => r.json.id))).toEqual(new Set([body.id]))
    expect(await count(survey.id)).toBe(1)
  })

  it('keeps one answer per (survey, customer, ref): a later one replaces the score and keeps the id', async () => {
    const { survey } = await setup()
    const first = await post({
      id: uuid(),
      surveyId: survey.id,
      score: 3,
      customerId: 'c1',
      ref: 't-9',
    })
    const later = await post({
      id: uuid(),
      surveyId: survey.id,
      score: 9,
      customerId: 'c1',
      ref: 't-9',
    })
    expect(later.status).toBe(200)
    expect(later.json).toEqual({ id: first.json.id, category: 'promoter' })
    const other = await post({
      id: uuid(),
      surveyId: survey.id,
      score: 9,
      customerId: 'c1',
      ref: 't-10',
    })
    expect(other.status).toBe(201)
    const rows = await env.DB.prepare('SELECT score FROM responses WHERE survey_id = ? AND ref = ?')
      .bind(survey.id, 't-9')
      .all()
    expect(rows.results).toEqual([{ score: 9 }])
    expect(await count(survey.id)).toBe(2)
  })

  it.each([
    ['nps', [-1, 11, 5.5], [0, 10]],
    ['ces', [0, 8], [1, 7]],
    ['csat', [0, 6], [1, 5]],
  ] as const)('refuses %s scores off the scale and accepts both ends', async (kind, bad, good) => {
    const { project } = await setup()
    const survey = await createSurvey(project.secretKey, { kind })
    for (const score of bad)
      expectProblem(
        await post({ id: uuid(), surveyId: survey.id, score }),
        400,
        'validation_failed',
        'score',
      )
    for (const score of good)
      expect((await post({ id: uuid(), surveyId: survey.id, score })).status).toBe(201)
    expect(await count(survey.id)).toBe(good.length)
  })

  it('names every failing field of a hostile body and stores nothing', async () => {
    const { survey } = await setup()
    const res = await post({
      id: 'not-a-uuid',
      surveyId: survey.id,
      score: '9',
      reason: 'x'.repeat(2001),
      touchpoint: 't'.repeat(65),
      email: 'not-an-email',
      properties: { nested: { a: 1 }, ['k'.repeat(41)]: 'v' },
      locale: '<script>',
      sneaky: true,
    })
    expectProblem(res, 400, 'validation_failed')
    const paths = res.json.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'score',
        'reason',
        'touchpoint',
        'email',
        'properties.nested',
        'locale',
      ]),
    )
    expect(await count(survey.id)).toBe(0)
  })

  it('refuses more than 20 properties and strings over 200 characters', async () => {
    const { survey } = await setup()
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))
    expectProblem(
      await post({ id: uuid(), surveyId: survey.id, score: 9, properties: many }),
      400,
      undefined,
      'properties',
    )
    expectProblem(
      await post({ id: uuid(), surveyId: survey.id, score: 9, properties: { a: 'x'.repeat(201) } }),
      400,
      undefined,
      'properties.a',
    )
  })

  it('answers malformed JSON, a missing body and a huge body with problem+json', async () => {
    const { survey } = await setup()
    expectProblem(
      await call('POST', '/v1/public/responses', {
        raw: '{"id":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    )
    expectProblem(
      await call('POST', '/v1/public/responses', {
        raw: 'score=9',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    )
    const huge = { id: uuid(), surveyId: survey.id, score: 9, reason: 'x'.repeat(17 * 1024) }
    expectProblem(await post(huge), 413, 'body_too_large')
    expect(await count(survey.id)).toBe(0)
  })

  it('answers an unknown survey with 404', async () => {
    expectProblem(await post({ id: uuid(), surveyId: 'srv_missing', score: 9 }), 404, 'not_found')
  })

  it('accepts only the listed origins when a survey lists any', async () => {
    const { project } = await setup()
    const survey = await createSurvey(project.secretKey, {
      allowedOrigins: ['https://shop.example'],
    })
    expectProblem(
      await post({ id: uuid(), surveyId: survey.id, score: 9 }, { origin: 'https://evil.example' }),
      403,
      'origin_not_allowed',
    )
    expectProblem(
      await post({ id: uuid(), surveyId: survey.id, score: 9 }),
      403,
      'origin_not_allowed',
    )
    expect(
      (
        await post(
          { id: uuid(), surveyId: survey.id, score: 9 },
          { origin: 'https://shop.example' },
        )
      ).status,
    ).toBe(201)
    expect(await count(survey.id)).toBe(1)
  })

  it('answers CORS preflights from customer sites', async () => {
    const res = await call('OPTIONS', '/v1/public/responses', {
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example')
  })

  it('refuses an id already used by another survey without touching that answer', async () => {
    const a = await setup()
    const b = await setup()
    const id = uuid()
    expect((await post({ id, surveyId: a.survey.id, score: 1 })).status).toBe(201)
    expectProblem(await post({ id, surveyId: b.survey.id, score: 10 }), 409, 'id_conflict')
    const row = await env.DB.prepare('SELECT survey_id, score FROM responses WHERE id = ?')
      .bind(id)
      .first()
    expect(row).toEqual({ survey_id: a.survey.id, score: 1 })
  })
})

describe('signed identity', () => {
  it('refuses a customerId without a valid customerHash when the project requires it', async () => {
    const project = await createProject('Signed', { requireSignedIdentity: true })
    const survey = await createSurvey(project.secretKey)
    expectProblem(
      await post({ id: uuid(), surveyId: survey.id, score: 9, customerId: 'c1' }),
      403,
      'identity_required',
    )
    expectProblem(
      await post({
        id: uuid(),
        surveyId: survey.id,
        score: 9,
        customerId: 'c1',
        customerHash: 'ab'.repeat(32),
      }),
      403,
      'identity_invalid',
    )
    const customerHash = await hmacSha256Hex(project.identitySecret, 'c1')
    expect(
      (await post({ id: uuid(), surveyId: survey.id, score: 9, customerId: 'c1', customerHash }))
        .status,
    ).toBe(201)
    expect((await post({ id: uuid(), surveyId: survey.id, score: 9 })).status).toBe(201)
    expect(await count(survey.id)).toBe(2)
  })

  it('checks a customerHash even where it is optional', async () => {
    const { survey } = await setup()
    expectProblem(
      await post({
        id: uuid(),
        surveyId: survey.id,
        score: 9,
        customerId: 'c1',
        customerHash: '00',
      }),
      403,
      'identity_invalid',
    )
  })
})

describe('PATCH /v1/public/responses/:id', () => {
  it('adds a reason and contact consent to a fresh answer', async () => {
    const { project, survey } = await setup()
    const { json } = await answer(survey.id, { score: 2 })
    const res = await call('PATCH', `/v1/public/responses/${json.id}`, {
      body: { reason: 'Rude support', contactConsent: true },
    })
    expect(res.status).toBe(200)
    const list = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(list.json.data[0]).toMatchObject({
      reason: 'Rude support',
      contactConsent: true,
      score: 2,
    })
  })

  it('refuses to amend an answer older than 24 hours, or an unknown one', async () => {
    const { survey } = await setup()
    const id = uuid()
    const old = new Date(Date.now() - 25 * 3600 * 1000).toISOString()
    await env.DB.prepare(
      `INSERT INTO responses (id, project_id, survey_id, kind, score, category, created_at, answered_at, updated_at)
       SELECT ?, project_id, id, 'nps', 9, 'promoter', ?, ?, ? FROM surveys WHERE id = ?`,
    )
      .bind(id, old, old, old, survey.id)
      .run()
    expectProblem(
      await call('PATCH', `/v1/public/responses/${id}`, { body: { reason: 'late' } }),
      403,
      'amend_window_closed',
    )
    expectProblem(
      await call('PATCH', `/v1/public/responses/${uuid()}`, { body: { reason: 'x' } }),
      404,
    )
    expectProblem(await call('PATCH', `/v1/public/responses/${id}`, { body: {} }), 400)
    const row = await env.DB.prepare('SELECT reason FROM responses WHERE id = ?').bind(id).first()
    expect(row).toEqual({ reason: null })
  })
})

describe('rate limiting', () => {
  it(
    'answers 429 with Retry-After once a client exceeds the limit',
    { timeout: 60_000 },
    async () => {
      await freshLimiterWindow()
      const { survey } = await setup()
      const headers = { 'cf-connecting-ip': '203.0.113.9' }
      const statuses: number[] = []
      for (let i = 0; i < 62; i++)
        statuses.push((await post({ id: uuid(), surveyId: survey.id, score: 9 }, headers)).status)
      expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true)
      const limited = await post({ id: uuid(), surveyId: survey.id, score: 9 }, headers)
      expectProblem(limited, 429, 'rate_limited')
      expect(limited.headers.get('retry-after')).toBe('60')
      // Another address is not affected, and no address is stored.
      expect(
        (
          await post(
            { id: uuid(), surveyId: survey.id, score: 9 },
            { 'cf-connecting-ip': '203.0.113.10' },
          )
        ).status,
      ).toBe(201)
      const cols = await env.DB.prepare("SELECT name FROM pragma_table_info('responses')").all<{
        name: string
      }>()
      expect(cols.results.map((c) => c.name).join(' ')).not.toMatch(/ip|address/i)
    },
  )
})
