import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../worker/lib/app'
import { handleError } from '../../../worker/lib/problem'
import { publicSurvey } from '../../../worker/middleware/public-survey'
import { expectProblem, setup } from '../helpers'

const probe = createApp()
probe.get('/probe/:id', publicSurvey({ idFrom: 'param', checkOrigin: true }), (c) =>
  c.json({ surveyId: c.get('target')?.survey.id ?? null, projectId: c.get('target')?.projectId }),
)
probe.post('/probe', publicSurvey({ idFrom: 'body', checkOrigin: false }), (c) =>
  c.json({ surveyId: c.get('target').survey.id }),
)
probe.onError(handleError)

async function ask(path: string, init: RequestInit = {}, db: D1Database = env.DB) {
  const res = await probe.request(path, init, { ...env, DB: db })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) }
}

describe('publicSurvey()', () => {
  it('loads the live survey named in the path and hands it to the handler', async () => {
    const { project, survey } = await setup()
    const res = await ask(`/probe/${survey.id}`)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ surveyId: survey.id, projectId: project.id })
  })

  it('loads the survey named by the JSON body surveyId', async () => {
    const { survey } = await setup()
    const res = await ask('/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ surveyId: survey.id, score: 9 }),
    })
    expect(res.json).toEqual({ surveyId: survey.id })
  })

  it('answers an unknown survey with 404 problem+json', async () => {
    expectProblem(await ask('/probe/srv_unknown'), 404, 'not_found')
  })

  it('checks the origin only where asked', async () => {
    const { survey } = await setup({ allowedOrigins: ['https://shop.example'] })
    expectProblem(
      await ask(`/probe/${survey.id}`, { headers: { origin: 'https://evil.example' } }),
      403,
      'origin_not_allowed',
    )
    const allowed = await ask(`/probe/${survey.id}`, {
      headers: { origin: 'https://shop.example' },
    })
    expect(allowed.json.surveyId).toBe(survey.id)
    const body = await ask('/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ surveyId: survey.id }),
    })
    expect(body.json).toEqual({ surveyId: survey.id })
  })

  it('leaves a malformed id to the route validator without reading D1', async () => {
    const untouchable = new Proxy<D1Database>(env.DB, {
      get() {
        throw new Error('D1 touched')
      },
    })
    const res = await ask('/probe/bad%20id!', {}, untouchable)
    expect(res.json).toEqual({ surveyId: null })
  })
})
