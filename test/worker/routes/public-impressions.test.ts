import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import { countImpressions } from '../../../worker/db/impressions'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { answer, call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { invite, sendForm } from '../invitation-helpers'

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

/** The customerHash the project's server would compute for this customer. */
const sign = (identitySecret: string, customerId: string) =>
  hmacSha256Hex(identitySecret, customerId).then((customerHash) => ({ customerId, customerHash }))

/** The real D1 binding, counting the statements prepared on it. */
function countingDb() {
  const counter = { statements: 0 }
  const db = new Proxy<D1Database>(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') counter.statements++
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db, counter }
}

describe('POST /v1/public/surveys/{id}/eligibility', () => {
  it('lets a signed customer be asked, and not again after an answer or a dismissal, without ever saying when', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const a = await sign(project.identitySecret, 'cus_a')
    expect((await eligibility(survey.id, a)).json).toEqual({ eligible: true })

    expect((await answer(survey.id, a)).status).toBe(201)
    const afterAnswer = await eligibility(survey.id, a)
    expect(afterAnswer.json).toEqual({ eligible: false, reason: 'answered' })
    expect(afterAnswer.text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(afterAnswer.headers.get('cache-control')).toBe('no-store')

    const b = await sign(project.identitySecret, 'cus_b')
    await impression({ id: uuid(), surveyId: survey.id, type: 'dismissed', ...b })
    expect((await eligibility(survey.id, b)).json).toEqual({ eligible: false, reason: 'dismissed' })
    // A display alone is not a contact.
    const c = await sign(project.identitySecret, 'cus_c')
    await impression({ id: uuid(), surveyId: survey.id, type: 'shown', ...c })
    expect((await eligibility(survey.id, c)).json.eligible).toBe(true)
  })

  it('answers an unsigned customerId eligible without reading the ledger: nobody learns whether a customer answered', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const { path } = await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_k' })
    expect((await sendForm(path, { score: '2' })).status).toBe(200)
    const signed = await sign(project.identitySecret, 'cus_k')
    expect((await eligibility(survey.id, signed)).json).toEqual({
      eligible: false,
      reason: 'answered',
    })

    const { db, counter } = countingDb()
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request(`http://kundepuls.test/v1/public/surveys/${survey.id}/eligibility`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.70' },
        body: JSON.stringify({ customerId: 'cus_k' }),
      }),
      { ...env, DB: db },
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ eligible: true })
    // One statement: the survey. Not one about the customer.
    expect(counter.statements).toBe(1)
  })

  it('keeps unsigned dismissals and answers out of the ledger: nobody can silence a customer', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const base = { surveyId: survey.id, type: 'dismissed' }
    expect((await impression({ id: uuid(), ...base, customerId: 'cus_v' })).status).toBe(201)
    expect((await answer(survey.id, { customerId: 'cus_v', score: 0 })).status).toBe(201)
    const rows = await env.DB.prepare('SELECT customer_id FROM impressions WHERE survey_id = ?')
      .bind(survey.id)
      .all()
    expect(rows.results).toEqual([{ customer_id: null }])
    const signed = await sign(project.identitySecret, 'cus_v')
    expect((await eligibility(survey.id, signed)).json).toEqual({ eligible: true })
  })

  it('applies across the surveys of a project, not across projects', async () => {
    const { project, survey } = await setup()
    const sibling = await createSurvey(project.secretKey, { kind: 'ces' })
    const stranger = await setup()
    const x = await sign(project.identitySecret, 'cus_x')
    await answer(survey.id, x)
    expect((await eligibility(sibling.id, x)).json.eligible).toBe(false)
    const elsewhere = await sign(stranger.project.identitySecret, 'cus_x')
    expect((await eligibility(stranger.survey.id, elsewhere)).json.eligible).toBe(true)
  })

  it('always says yes when the survey has throttleDays 0 and cooldownDays 0', async () => {
    const { project, survey } = await setup({ throttleDays: 0, cooldownDays: 0 })
    const z = await sign(project.identitySecret, 'cus_z')
    await answer(survey.id, z)
    expect((await eligibility(survey.id, z)).json).toEqual({ eligible: true })
  })

  it("keeps the project's cooldown for a survey with throttleDays 0, and lets it go when the cooldown is 0", async () => {
    const { project, survey } = await setup({ throttleDays: 0 })
    const sibling = await createSurvey(project.secretKey, { throttleDays: 0, kind: 'csat' })
    const z = await sign(project.identitySecret, 'cus_cool')
    await answer(survey.id, z)
    // Asked on one survey yesterday: no survey of the project may ask again within 14 days.
    expect((await eligibility(survey.id, z)).json).toEqual({ eligible: false, reason: 'answered' })
    expect((await eligibility(sibling.id, z)).json).toEqual({ eligible: false, reason: 'answered' })
    const patched = await call('PATCH', '/v1/project', {
      token: project.secretKey,
      body: { cooldownDays: 0 },
    })
    expect(patched.status, patched.text).toBe(200)
    expect((await eligibility(sibling.id, z)).json).toEqual({ eligible: true })
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

  it('is documented in the OpenAPI spec, without dates, with every status', async () => {
    const spec = (await call('GET', '/openapi.json')).json
    expect(spec.paths['/v1/public/impressions'].post).toBeDefined()
    const route = spec.paths['/v1/public/surveys/{id}/eligibility'].post
    expect(Object.keys(route.responses).map(Number)).toEqual(
      expect.arrayContaining([200, 400, 403, 404, 413, 415, 429]),
    )
    expect(Object.keys(spec.components.schemas.Eligibility.properties)).toEqual([
      'eligible',
      'reason',
    ])
  })
})
