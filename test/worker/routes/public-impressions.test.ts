import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { countImpressions } from '../../../worker/db/impressions'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { answer, call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'

const impression = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call('POST', '/v1/public/impressions', { body, headers })

const eligibility = (
  surveyId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) => call('POST', `/v1/public/surveys/${surveyId}/eligibility`, { body, headers })

describe('POST /v1/public/impressions', () => {
  it('stores a shown and a dismissed impression of one display, each once however often retried', async () => {
    const { survey } = await setup()
    const id = uuid()
    const first = await impression({
      id,
      surveyId: survey.id,
      type: 'shown',
      touchpoint: 'checkout',
    })
    expect(first.status, first.text).toBe(201)
    expect(first.json).toEqual({ id, type: 'shown' })
    const retry = await impression({
      id,
      surveyId: survey.id,
      type: 'shown',
      touchpoint: 'checkout',
    })
    expect(retry.status).toBe(200)
    const dismissed = await impression({ id, surveyId: survey.id, type: 'dismissed' })
    expect(dismissed.status).toBe(201)
    expect(await countImpressions(env.DB, survey.id, 'shown')).toBe(1)
    expect(await countImpressions(env.DB, survey.id, 'dismissed')).toBe(1)
  })

  it('stores no IP address or user agent', async () => {
    const { survey } = await setup()
    const res = await impression(
      { id: uuid(), surveyId: survey.id, type: 'shown' },
      { 'cf-connecting-ip': '203.0.113.7', 'user-agent': 'Spy/1.0' },
    )
    expect(res.status).toBe(201)
    const rows = await env.DB.prepare('SELECT * FROM impressions WHERE survey_id = ?')
      .bind(survey.id)
      .all()
    expect(JSON.stringify(rows.results)).not.toMatch(/203\.0\.113\.7|Spy/)
  })

  it('refuses hostile input with problem+json and stores nothing', async () => {
    const { survey } = await setup()
    const bad = [
      { id: 'not-a-uuid', surveyId: survey.id, type: 'shown' },
      { id: uuid(), surveyId: survey.id, type: 'clicked' },
      { id: uuid(), surveyId: survey.id, type: 'shown', extra: 1 },
      { id: uuid(), surveyId: survey.id, type: 'shown', customerId: 'x'.repeat(129) },
      { id: uuid(), surveyId: '../etc', type: 'shown' },
    ]
    for (const body of bad) expectProblem(await impression(body), 400, 'validation_failed')
    expectProblem(
      await call('POST', '/v1/public/impressions', {
        raw: '{"id":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    )
    expectProblem(
      await impression({ id: uuid(), surveyId: 'srv_missing', type: 'shown' }),
      404,
      'not_found',
    )
    expectProblem(
      await impression({ id: uuid(), surveyId: survey.id, type: 'shown', customerHash: 'ab' }),
      400,
      'validation_failed',
      'customerHash',
    )
    expect(await countImpressions(env.DB, survey.id, 'shown')).toBe(0)
  })

  it('refuses an id already used by another survey', async () => {
    const { project, survey } = await setup()
    const other = await createSurvey(project.secretKey)
    const id = uuid()
    expect((await impression({ id, surveyId: survey.id, type: 'shown' })).status).toBe(201)
    expectProblem(await impression({ id, surveyId: other.id, type: 'shown' }), 409, 'id_conflict')
    expect(await countImpressions(env.DB, other.id, 'shown')).toBe(0)
  })

  it('checks the origin against the survey allow-list', async () => {
    const { survey } = await setup({ allowedOrigins: ['https://shop.example'] })
    const body = { id: uuid(), surveyId: survey.id, type: 'shown' }
    expectProblem(
      await impression(body, { origin: 'https://evil.example' }),
      403,
      'origin_not_allowed',
    )
    expect((await impression(body, { origin: 'https://shop.example' })).status).toBe(201)
  })

  it('refuses an unsigned or forged customerId when the project requires signed identity', async () => {
    const project = await createProject('Signed', { requireSignedIdentity: true })
    const survey = await createSurvey(project.secretKey)
    const base = { surveyId: survey.id, type: 'dismissed', customerId: 'cus_1' }
    expectProblem(await impression({ id: uuid(), ...base }), 403, 'identity_required')
    expectProblem(
      await impression({ id: uuid(), ...base, customerHash: '0'.repeat(64) }),
      403,
      'identity_invalid',
    )
    expect(await countImpressions(env.DB, survey.id, 'dismissed')).toBe(0)
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_1')
    expect((await impression({ id: uuid(), ...base, customerHash })).status).toBe(201)
  })

  it('answers CORS preflights for the widget on any site', async () => {
    const res = await call('OPTIONS', '/v1/public/impressions', {
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example')
  })
})

describe('POST /v1/public/surveys/{id}/eligibility', () => {
  it('lets a new customer be asked, and not again after a widget answer or a dismissal', async () => {
    const { survey } = await setup({ throttleDays: 30 })
    expect((await eligibility(survey.id, { customerId: 'cus_a' })).json).toEqual({ eligible: true })

    expect((await answer(survey.id, { customerId: 'cus_a' })).status).toBe(201)
    const afterAnswer = await eligibility(survey.id, { customerId: 'cus_a' })
    expect(afterAnswer.json.eligible).toBe(false)
    expect(afterAnswer.json.reason).toBe('answered')
    expect(Date.parse(afterAnswer.json.nextEligibleAt) - Date.now()).toBeGreaterThan(29 * 86400_000)
    expect(afterAnswer.headers.get('cache-control')).toBe('no-store')

    await impression({ id: uuid(), surveyId: survey.id, type: 'dismissed', customerId: 'cus_b' })
    expect((await eligibility(survey.id, { customerId: 'cus_b' })).json).toMatchObject({
      eligible: false,
      reason: 'dismissed',
    })
    // A display alone is not a contact.
    await impression({ id: uuid(), surveyId: survey.id, type: 'shown', customerId: 'cus_c' })
    expect((await eligibility(survey.id, { customerId: 'cus_c' })).json.eligible).toBe(true)
  })

  it('applies across the surveys of a project, not across projects', async () => {
    const { project, survey } = await setup()
    const sibling = await createSurvey(project.secretKey, { kind: 'ces' })
    const stranger = await setup()
    await answer(survey.id, { customerId: 'cus_x' })
    expect((await eligibility(sibling.id, { customerId: 'cus_x' })).json.eligible).toBe(false)
    expect((await eligibility(stranger.survey.id, { customerId: 'cus_x' })).json.eligible).toBe(
      true,
    )
  })

  it('always says yes when the survey has throttleDays 0', async () => {
    const { survey } = await setup({ throttleDays: 0 })
    await answer(survey.id, { customerId: 'cus_z' })
    expect((await eligibility(survey.id, { customerId: 'cus_z' })).json).toEqual({ eligible: true })
  })

  it('refuses hostile input and forged identity with problem+json', async () => {
    const { survey } = await setup()
    expectProblem(await eligibility(survey.id, {}), 400, 'validation_failed', 'customerId')
    expectProblem(
      await eligibility(survey.id, { customerId: 'a', more: 1 }),
      400,
      'validation_failed',
    )
    expectProblem(await eligibility('srv_nope', { customerId: 'a' }), 404)
    expectProblem(await eligibility('bad id!', { customerId: 'a' }), 400, 'validation_failed')
    expectProblem(
      await eligibility(survey.id, { customerId: 'a', customerHash: 'f'.repeat(64) }),
      403,
      'identity_invalid',
    )

    const project = await createProject('Signed', { requireSignedIdentity: true })
    const signed = await createSurvey(project.secretKey)
    expectProblem(await eligibility(signed.id, { customerId: 'cus_1' }), 403, 'identity_required')
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_1')
    expect((await eligibility(signed.id, { customerId: 'cus_1', customerHash })).status).toBe(200)
  })

  it("answers only pages on the survey's allowed origins, so other sites cannot probe customers", async () => {
    const { project } = await setup()
    const survey = await createSurvey(project.secretKey, {
      allowedOrigins: ['https://shop.example'],
    })
    const ask = (origin: string) => eligibility(survey.id, { customerId: 'cus_a' }, { origin })
    expectProblem(await ask('https://evil.example'), 403, 'origin_not_allowed')
    expect((await ask('https://shop.example')).json).toEqual({ eligible: true })
  })

  it('is documented in the OpenAPI spec', async () => {
    const spec = (await call('GET', '/openapi.json')).json
    expect(spec.paths['/v1/public/impressions'].post).toBeDefined()
    expect(spec.paths['/v1/public/surveys/{id}/eligibility'].post).toBeDefined()
  })
})
