import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { hmacSha256Hex, sha256Hex } from '../../../worker/lib/crypto'
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
import { invite, sendForm } from '../invitation-helpers'

const count = async (surveyId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE survey_id = ?')
    .bind(surveyId)
    .first<{ n: number }>())!.n

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/v1/public/responses', { body, headers })

const stored = (id: string) =>
  env.DB.prepare(
    'SELECT score, category, reason, contact_consent, edit_token_hash FROM responses WHERE id = ?',
  )
    .bind(id)
    .first<Record<string, unknown>>()

const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call('PATCH', `/v1/public/responses/${id}`, { body, headers })

/** The NPS headline figures a manager sees. */
async function figures(secretKey: string, surveyId: string) {
  const res = await call('GET', `/v1/metrics?surveyId=${surveyId}`, { token: secretKey })
  expect(res.status, res.text).toBe(200)
  const { total, promoters, passives, detractors, nps } = res.json
  return { total, promoters, passives, detractors, nps }
}

/** A client-made edit token, as the widget makes one: 32 URL-safe characters. */
const editToken = () => crypto.randomUUID().replaceAll('-', '')

describe('POST /v1/public/responses', () => {
  it('stores an answer with its category and keeps only the path of the page URL', async () => {
    const { project, survey } = await setup()
    const id = uuid()
    const res = await post({
      id,
      editToken: editToken(),
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
    const body = { id: uuid(), editToken: editToken(), surveyId: survey.id, score: 10 }
    const first = await post(body)
    const again = await post({ ...body, score: 2 })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.json).toEqual(first.json)
    expect(await count(survey.id)).toBe(1)
  })

  it('stores one row when the same id arrives many times at once', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), editToken: editToken(), surveyId: survey.id, score: 8 }
    const results = await Promise.all(Array.from({ length: 12 }, () => post(body)))
    expect(results.map((r) => r.status).sort((x, y) => x - y)).toEqual([
      ...Array(11).fill(200),
      201,
    ])
    expect(new Set(results.map((r) => r.json.id))).toEqual(new Set([body.id]))
    expect(await count(survey.id)).toBe(1)
  })

  it('keeps one answer per (survey, customer, ref): a later signed one replaces the score and keeps the id', async () => {
    const { project, survey } = await setup()
    const customerHash = await hmacSha256Hex(project.identitySecret, 'c1')
    const signed = { surveyId: survey.id, customerId: 'c1', customerHash }
    const first = await post({
      id: uuid(),
      editToken: editToken(),
      score: 3,
      ref: 't-9',
      ...signed,
    })
    const later = await post({
      id: uuid(),
      editToken: editToken(),
      score: 9,
      ref: 't-9',
      ...signed,
    })
    expect(later.status).toBe(200)
    expect(later.json).toEqual({ id: first.json.id, category: 'promoter' })
    const other = await post({ id: uuid(), score: 9, ref: 't-10', ...signed })
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

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the property key %s with 400 and stores nothing',
    async (key) => {
      const { survey } = await setup()
      // Raw JSON: an object literal's __proto__ would set the prototype, not a key.
      const res = await call('POST', '/v1/public/responses', {
        raw: `{"id":"${uuid()}","surveyId":"${survey.id}","score":9,"properties":{"${key}":"x"}}`,
        headers: { 'content-type': 'application/json' },
      })
      expectProblem(res, 400, 'validation_failed', `properties.${key}`)
      expect(await count(survey.id)).toBe(0)
    },
  )

  it('keeps errors[].path within 200 characters for a very long property key', async () => {
    const { survey } = await setup()
    const res = await post({
      id: uuid(),
      surveyId: survey.id,
      score: 9,
      properties: { ['k'.repeat(3000)]: 'v' },
    })
    expectProblem(res, 400, 'validation_failed')
    for (const e of res.json.errors) expect(e.path.length).toBeLessThanOrEqual(200)
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

describe('who may change an answer (POST)', () => {
  it('makes an edit token when the client sends none: returned once, stored only as its SHA-256', async () => {
    const { survey } = await setup()
    const made = await post({ id: uuid(), surveyId: survey.id, score: 9 })
    expect(made.status).toBe(201)
    expect(made.json.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const row = await stored(made.json.id)
    expect(row!.edit_token_hash).toBe(await sha256Hex(made.json.editToken))
    expect(JSON.stringify(row)).not.toContain(made.json.editToken)

    const token = editToken()
    const own = await post({ id: uuid(), editToken: token, surveyId: survey.id, score: 9 })
    expect(own.status).toBe(201)
    expect(own.json).toEqual({ id: own.json.id, category: 'promoter' })
    expect((await stored(own.json.id))!.edit_token_hash).toBe(await sha256Hex(token))
  })

  it('answers a repeated id without its edit token with 409 id_conflict, revealing and changing nothing', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), editToken: editToken(), surveyId: survey.id, score: 2 }
    expect((await post(body)).status).toBe(201)
    for (const retry of [
      { ...body, editToken: editToken(), score: 10 },
      { id: body.id, surveyId: survey.id, score: 10 },
    ]) {
      const res = await post(retry)
      expectProblem(res, 409, 'id_conflict')
      expect(res.text).not.toContain('detractor')
    }
    expect(await stored(body.id)).toMatchObject({ score: 2, category: 'detractor' })
    expect(await count(survey.id)).toBe(1)
  })

  it('answers a retry without a token and with the same content like the first time, without a token, and stores it once', async () => {
    const { survey } = await setup()
    const body = {
      id: uuid(),
      surveyId: survey.id,
      score: 4,
      reason: 'Too slow',
      touchpoint: 'checkout',
      email: 'ann@example.com',
      properties: { plan: 'pro' },
      locale: 'en',
      pageUrl: 'https://shop.example/done?x=1',
    }
    const first = await post(body)
    expect(first.status).toBe(201)
    expect(first.json.editToken).toBeDefined()
    // The README's curl example: no token, the first response lost, the same request again.
    const again = await post({ ...body, pageUrl: 'https://shop.example/done?x=2' })
    expect(again.status, again.text).toBe(200)
    expect(again.json).toEqual({ id: body.id, category: 'detractor' })
    expect(await count(survey.id)).toBe(1)
    expect((await stored(body.id))!.edit_token_hash).toBe(await sha256Hex(first.json.editToken))
  })

  it('answers a changed answer under a stored id without its token with 409: stored, the token changes it', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), surveyId: survey.id, score: 4, reason: 'Too slow' }
    expect((await post(body)).status).toBe(201)
    for (const changed of [
      { ...body, score: 5 },
      { ...body, reason: 'Too slow!' },
      { ...body, reason: undefined },
      { ...body, contactConsent: true },
      { ...body, email: 'ann@example.com' },
      { ...body, touchpoint: 'checkout' },
      { ...body, properties: { plan: 'pro' } },
      { ...body, editToken: editToken() },
    ]) {
      const res = await post(changed)
      expectProblem(res, 409, 'id_conflict')
      expect(res.json.detail).toMatch(/already stored.*edit token/i)
      expect(res.text).not.toContain('detractor')
    }
    expect(await stored(body.id)).toMatchObject({
      score: 4,
      reason: 'Too slow',
      contact_consent: 0,
    })
    expect(await count(survey.id)).toBe(1)
  })

  it('stores one row and answers 2xx to 30 identical requests without a token at once', async () => {
    const { survey } = await setup()
    const body = { id: uuid(), surveyId: survey.id, score: 9, reason: 'Fast' }
    const results = await Promise.all(Array.from({ length: 30 }, () => post(body)))
    const statuses = results.map((r) => r.status).sort((x, y) => x - y)
    expect(statuses).toEqual([...Array(29).fill(200), 201])
    for (const r of results) expect(r.json).toMatchObject({ id: body.id, category: 'promoter' })
    // The token is handed out once, to the request that stored the answer.
    expect(results.filter((r) => r.json.editToken !== undefined)).toHaveLength(1)
    expect(await count(survey.id)).toBe(1)
  })

  it('refuses an unsigned answer for a stored (survey, customer, ref) with 409 already_answered, revealing neither its id nor its score', async () => {
    const { project, survey } = await setup()
    const victim = await post({
      id: uuid(),
      editToken: editToken(),
      surveyId: survey.id,
      score: 1,
      customerId: 'cus_victim',
      ref: 'order-1',
    })
    expect(victim.status).toBe(201)
    const before = await figures(project.secretKey, survey.id)
    const attack = await post({
      id: uuid(),
      editToken: editToken(),
      surveyId: survey.id,
      score: 10,
      customerId: 'cus_victim',
      ref: 'order-1',
    })
    expectProblem(attack, 409, 'already_answered')
    expect(attack.text).not.toContain(victim.json.id)
    expect(attack.text).not.toMatch(/detractor|"score"/)
    expect(await stored(victim.json.id)).toMatchObject({ score: 1, category: 'detractor' })
    expect(await count(survey.id)).toBe(1)
    expect(await figures(project.secretKey, survey.id)).toEqual(before)
  })

  it('keeps an imported answer from unsigned replacement; a signed customer replaces it and may then amend it', async () => {
    const { project, survey } = await setup()
    const imported = { id: uuid(), surveyId: survey.id, score: 3, customerId: 'anna', ref: 'T-2' }
    const res = await call('POST', '/v1/responses/import', {
      token: project.secretKey,
      body: { responses: [{ ...imported, createdAt: '2026-10-01T10:00:00.000Z' }] },
    })
    expect(res.json).toEqual({ imported: 1, duplicates: 0 })
    const answer = { surveyId: survey.id, score: 9, customerId: 'anna', ref: 'T-2' }
    expectProblem(await post({ id: uuid(), ...answer }), 409, 'already_answered')
    expect(await stored(imported.id)).toMatchObject({ score: 3 })

    const token = editToken()
    const customerHash = await hmacSha256Hex(project.identitySecret, 'anna')
    const signed = await post({ id: uuid(), editToken: token, customerHash, ...answer })
    expect(signed.status).toBe(200)
    expect(signed.json).toEqual({ id: imported.id, category: 'promoter' })
    const amended = await patch(imported.id, { editToken: token, reason: 'Quick fix' })
    expect(amended.status, amended.text).toBe(200)
    expect(await stored(imported.id)).toMatchObject({ score: 9, reason: 'Quick fix' })
  })

  it('hands a replaced answer to its new author: only the new edit token amends it', async () => {
    const { project, survey } = await setup()
    const customerHash = await hmacSha256Hex(project.identitySecret, 'c7')
    const base = { surveyId: survey.id, customerId: 'c7', customerHash, ref: 'r-1' }
    const [first, second] = [editToken(), editToken()]
    const a = await post({ id: uuid(), editToken: first, score: 4, ...base })
    const b = await post({ id: uuid(), editToken: second, score: 8, ...base })
    expect(b.json.id).toBe(a.json.id)
    expectProblem(
      await patch(a.json.id, { editToken: first, reason: 'x' }),
      403,
      'edit_token_invalid',
    )
    expect((await patch(a.json.id, { editToken: second, reason: 'y' })).status).toBe(200)
    expect(await stored(a.json.id)).toMatchObject({ score: 8, reason: 'y' })
  })
})

describe('PATCH /v1/public/responses/:id', () => {
  it('adds a reason and contact consent with the answer edit token', async () => {
    const { project, survey } = await setup()
    const token = editToken()
    const { json } = await answer(survey.id, { score: 2, editToken: token })
    const res = await patch(json.id, {
      editToken: token,
      reason: 'Rude support',
      contactConsent: true,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ id: json.id, category: 'detractor' })
    const list = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(list.json.data[0]).toMatchObject({
      reason: 'Rude support',
      contactConsent: true,
      score: 2,
    })
  })

  it('takes an email with contact consent, validated like the POST, so that consent can be honoured', async () => {
    const { project, survey } = await setup()
    const token = editToken()
    const { json } = await answer(survey.id, { score: 2, editToken: token })
    expectProblem(
      await patch(json.id, { editToken: token, contactConsent: true, email: 'not an email' }),
      400,
      'validation_failed',
      'email',
    )
    expectProblem(
      await patch(json.id, { editToken: token, email: 'ann@example.com' }),
      400,
      'validation_failed',
    )
    const res = await patch(json.id, {
      editToken: token,
      contactConsent: true,
      email: 'ann@example.com',
    })
    expect(res.status, res.text).toBe(200)
    const list = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(list.json.data[0]).toMatchObject({ contactConsent: true, email: 'ann@example.com' })
  })

  it('changes the score with the edit token: the category and every figure follow, still one answer', async () => {
    const { project, survey } = await setup({ segmentKeys: ['plan'] })
    const token = editToken()
    const { json } = await answer(survey.id, {
      score: 2,
      editToken: token,
      touchpoint: 'checkout',
      properties: { plan: 'pro' },
    })
    expect(await figures(project.secretKey, survey.id)).toMatchObject({
      total: 1,
      promoters: 0,
      detractors: 1,
    })
    const res = await patch(json.id, { editToken: token, score: 10 })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ id: json.id, category: 'promoter' })
    expect(await figures(project.secretKey, survey.id)).toMatchObject({
      total: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      nps: 100,
    })
    const byPlan = await call('GET', `/v1/metrics?surveyId=${survey.id}&groupBy=property:plan`, {
      token: project.secretKey,
    })
    expect(byPlan.json.series).toEqual([
      expect.objectContaining({ key: 'pro', total: 1, promoters: 1, detractors: 0 }),
    ])
    expect(await count(survey.id)).toBe(1)

    expectProblem(
      await patch(json.id, { editToken: token, score: 11 }),
      400,
      'validation_failed',
      'score',
    )
    expect(await stored(json.id)).toMatchObject({ score: 10, category: 'promoter' })
  })

  it('refuses a missing, malformed or wrong edit token with 403 edit_token_invalid, the same for an unknown id, and changes nothing', async () => {
    const { survey } = await setup()
    const token = editToken()
    const { json } = await answer(survey.id, { score: 6, editToken: token })
    const refusals = [
      await patch(json.id, { reason: 'forged' }),
      await patch(json.id, { editToken: 'short', reason: 'forged' }),
      await patch(json.id, { editToken: editToken(), reason: 'forged', score: 10 }),
      await patch(uuid(), { editToken: token, reason: 'forged' }),
      await patch(uuid(), { reason: 'forged' }),
    ]
    for (const res of refusals) expectProblem(res, 403, 'edit_token_invalid')
    expect(new Set(refusals.map((r) => r.text)).size).toBe(1)
    expect(await stored(json.id)).toMatchObject({ score: 6, reason: null })
  })

  it('never amends an imported or survey-link answer publicly', async () => {
    const { project, survey } = await setup()
    const id = uuid()
    await call('POST', '/v1/responses/import', {
      token: project.secretKey,
      body: {
        responses: [{ id, surveyId: survey.id, score: 5, createdAt: new Date().toISOString() }],
      },
    })
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    expect((await sendForm(path, { score: '3' })).status).toBe(200)
    const link = await env.DB.prepare(
      "SELECT id FROM responses WHERE survey_id = ? AND channel = 'link'",
    )
      .bind(survey.id)
      .first<{ id: string }>()
    for (const target of [id, link!.id]) {
      expectProblem(
        await patch(target, { editToken: editToken(), score: 10 }),
        403,
        'edit_token_invalid',
      )
    }
    expect(await stored(id)).toMatchObject({ score: 5 })
    expect(await stored(link!.id)).toMatchObject({ score: 3 })
  })

  it("checks the page's origin against the survey allowedOrigins, like the POST", async () => {
    const { survey } = await setup({ allowedOrigins: ['https://shop.example'] })
    const shop = { origin: 'https://shop.example' }
    const token = editToken()
    const created = await post(
      { id: uuid(), editToken: token, surveyId: survey.id, score: 7 },
      shop,
    )
    expect(created.status).toBe(201)
    const id = created.json.id
    expectProblem(
      await patch(id, { editToken: token, reason: 'x' }, { origin: 'https://evil.example' }),
      403,
      'origin_not_allowed',
    )
    expectProblem(await patch(id, { editToken: token, reason: 'x' }), 403, 'origin_not_allowed')
    // The token is checked first: a stranger learns nothing, not even the survey's origin rule.
    expectProblem(
      await patch(id, { editToken: editToken(), reason: 'x' }, { origin: 'https://evil.example' }),
      403,
      'edit_token_invalid',
    )
    expect(await stored(id)).toMatchObject({ reason: null })
    expect((await patch(id, { editToken: token, reason: 'ok' }, shop)).status).toBe(200)
  })

  it('refuses an answer older than 24 hours only once its edit token matched', async () => {
    const { survey } = await setup()
    const id = uuid()
    const token = editToken()
    const old = new Date(Date.now() - 25 * 3600 * 1000).toISOString()
    await env.DB.prepare(
      `INSERT INTO responses (id, project_id, survey_id, kind, score, category, created_at, answered_at, updated_at, edit_token_hash)
       SELECT ?, project_id, id, 'nps', 9, 'promoter', ?, ?, ?, ? FROM surveys WHERE id = ?`,
    )
      .bind(id, old, old, old, await sha256Hex(token), survey.id)
      .run()
    expectProblem(
      await patch(id, { editToken: editToken(), reason: 'late' }),
      403,
      'edit_token_invalid',
    )
    expectProblem(await patch(id, { editToken: token, reason: 'late' }), 403, 'amend_window_closed')
    expectProblem(await patch(id, { editToken: token }), 400, 'validation_failed')
    expect(await stored(id)).toMatchObject({ reason: null, score: 9 })
  })

  it('is documented with its edit token and every status it can return', async () => {
    const spec = (await call('GET', '/openapi.json')).json
    const schemas = spec.components.schemas
    expect(schemas.PublicResponsePatch.required).toContain('editToken')
    expect(Object.keys(schemas.PublicResponsePatch.properties)).toEqual(
      expect.arrayContaining(['editToken', 'score', 'reason', 'contactConsent']),
    )
    expect(schemas.PublicResponseInput.properties.editToken.maxLength).toBe(64)
    expect(schemas.ResponseAccepted.properties.editToken).toBeDefined()
    const statuses = (path: string, method: string) =>
      Object.keys(spec.paths[path][method].responses).map(Number)
    expect(statuses('/v1/public/responses/{id}', 'patch')).toEqual(
      expect.arrayContaining([200, 400, 403, 404, 413, 415, 429]),
    )
    expect(statuses('/v1/public/responses', 'post')).toEqual(
      expect.arrayContaining([200, 201, 400, 403, 404, 409, 413, 415, 429]),
    )
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
