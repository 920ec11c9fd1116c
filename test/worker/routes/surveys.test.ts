import { describe, expect, it } from 'vitest'
import { answer, call, createProject, createSurvey, expectProblem } from '../helpers'

describe('surveys API', () => {
  it('creates a survey with the documented defaults and reads it back', async () => {
    const { secretKey } = await createProject()
    const created = await createSurvey(secretKey, { kind: 'ces' })
    const read = await call('GET', `/v1/surveys/${created.id}`, { token: secretKey })
    expect(read.status).toBe(200)
    expect(read.json).toMatchObject({
      id: created.id,
      kind: 'ces',
      throttleDays: 90,
      sampleRate: 1,
      allowedOrigins: [],
      referralUrl: null,
      reviewUrl: null,
      trigger: { delayMs: 0 },
    })
    const list = await call('GET', '/v1/surveys', { token: secretKey })
    expect(list.json.data.map((s: { id: string }) => s.id)).toEqual([created.id])
  })

  it('patches any field but kind', async () => {
    const { secretKey } = await createProject()
    const s = await createSurvey(secretKey)
    const res = await call('PATCH', `/v1/surveys/${s.id}`, {
      token: secretKey,
      body: {
        throttleDays: 30,
        texts: { da: { question: 'Anbefaler du os?' } },
        reviewUrl: 'https://reviews.example/acme',
      },
    })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({
      throttleDays: 30,
      reviewUrl: 'https://reviews.example/acme',
      kind: 'nps',
    })
    expect(res.json.texts.da.question).toBe('Anbefaler du os?')
    expectProblem(
      await call('PATCH', `/v1/surveys/${s.id}`, { token: secretKey, body: { kind: 'ces' } }),
      400,
    )
  })

  it('refuses unsafe links, bad origins and out-of-range settings, naming each field', async () => {
    const { secretKey } = await createProject()
    const res = await call('POST', '/v1/surveys', {
      token: secretKey,
      body: {
        name: 'x',
        kind: 'nps',
        referralUrl: 'javascript:alert(1)',
        allowedOrigins: ['https://shop.example/path'],
        sampleRate: 1.5,
        throttleDays: -1,
        texts: { en: { question: 'x'.repeat(501) } },
      },
    })
    expectProblem(res, 400, 'validation_failed')
    const paths = res.json.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'referralUrl',
        'allowedOrigins.0',
        'sampleRate',
        'throttleDays',
        'texts.en.question',
      ]),
    )
    expectProblem(
      await call('POST', '/v1/surveys', { token: secretKey, body: { name: 'x', kind: 'stars' } }),
      400,
      undefined,
      'kind',
    )
  })

  it('archives on delete: the survey stops taking answers but its answers stay readable', async () => {
    const { secretKey } = await createProject()
    const s = await createSurvey(secretKey)
    expect((await answer(s.id)).status).toBe(201)
    expect((await call('DELETE', `/v1/surveys/${s.id}`, { token: secretKey })).status).toBe(204)
    expectProblem(await call('GET', `/v1/surveys/${s.id}`, { token: secretKey }), 404)
    expectProblem(await answer(s.id), 404)
    expectProblem(await call('GET', `/v1/public/surveys/${s.id}`), 404)
    const kept = await call('GET', `/v1/responses?surveyId=${s.id}`, { token: secretKey })
    expect(kept.status).toBe(200)
    expect(kept.json.data).toHaveLength(1)
    expectProblem(await call('DELETE', `/v1/surveys/${s.id}`, { token: secretKey }), 404)
  })

  it('needs a secret key: none is 401, a publishable key is 403', async () => {
    const { publishableKey } = await createProject()
    expectProblem(await call('GET', '/v1/surveys'), 401, 'unauthorized')
    expectProblem(
      await call('GET', '/v1/surveys', { token: publishableKey }),
      403,
      'publishable_key',
    )
    expectProblem(
      await call('POST', '/v1/surveys', {
        token: publishableKey,
        body: { name: 'x', kind: 'nps' },
      }),
      403,
    )
  })
})
