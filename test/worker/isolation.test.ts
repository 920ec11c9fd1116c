import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { answer, call, expectProblem, setup } from './helpers'

describe('tenant isolation', () => {
  it("keeps project B's key away from project A's surveys and answers", async () => {
    const a = await setup()
    const b = await setup()
    await answer(a.survey.id, { score: 2, reason: 'secret complaint' })
    const bKey = b.project.secretKey

    expectProblem(await call('GET', `/v1/surveys/${a.survey.id}`, { token: bKey }), 404)
    expectProblem(
      await call('PATCH', `/v1/surveys/${a.survey.id}`, {
        token: bKey,
        body: { name: 'hijacked' },
      }),
      404,
    )
    expectProblem(await call('DELETE', `/v1/surveys/${a.survey.id}`, { token: bKey }), 404)
    expectProblem(await call('GET', `/v1/responses?surveyId=${a.survey.id}`, { token: bKey }), 404)
    const bList = await call('GET', '/v1/surveys', { token: bKey })
    expect(bList.json.data.map((s: { id: string }) => s.id)).toEqual([b.survey.id])

    const row = await env.DB.prepare('SELECT name, deleted_at FROM surveys WHERE id = ?')
      .bind(a.survey.id)
      .first()
    expect(row).toEqual({ name: 'After purchase', deleted_at: null })
    const aList = await call('GET', `/v1/responses?surveyId=${a.survey.id}`, {
      token: a.project.secretKey,
    })
    expect(aList.json.data.map((r: { reason: string }) => r.reason)).toEqual(['secret complaint'])
  })

  it('gives a publishable key no management access at all', async () => {
    const a = await setup()
    const pk = a.project.publishableKey
    expectProblem(
      await call('GET', `/v1/surveys/${a.survey.id}`, { token: pk }),
      403,
      'publishable_key',
    )
    expectProblem(
      await call('GET', `/v1/responses?surveyId=${a.survey.id}`, { token: pk }),
      403,
      'publishable_key',
    )
    expectProblem(await call('POST', '/v1/projects', { token: pk, body: { name: 'x' } }), 401)
  })

  it('refuses a revoked key', async () => {
    const a = await setup()
    await env.DB.prepare(
      "UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE project_id = ?",
    )
      .bind(a.project.id)
      .run()
    expectProblem(await call('GET', '/v1/surveys', { token: a.project.secretKey }), 401)
  })
})
