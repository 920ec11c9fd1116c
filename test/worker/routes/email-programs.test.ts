import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, setup } from '../helpers'
import { countRows, readKey } from '../email/trigger-helpers'

describe('/v1/email/programs', () => {
  it('creates a program with weekday mornings by default, lists and reads it', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    const res = await call('POST', '/v1/email/programs', {
      token,
      body: { surveyId: survey.id, everyDays: 180, dailyCap: 200 },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json).toMatchObject({
      surveyId: survey.id,
      everyDays: 180,
      dailyCap: 200,
      state: 'active',
      window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:00' },
    })
    const list = await call('GET', '/v1/email/programs', { token })
    expect(list.json.data.map((p: { id: string }) => p.id)).toEqual([res.json.id])
    const changed = await call('PATCH', `/v1/email/programs/${res.json.id}`, {
      token,
      body: { dailyCap: 50 },
    })
    expect(changed.json).toMatchObject({ dailyCap: 50, state: 'active' })
    expect((await call('GET', `/v1/email/programs/${res.json.id}`, { token })).json.dailyCap).toBe(
      50,
    )
  })

  it('refuses an unknown or foreign survey, a period other than 90/180/365, a bad cap or window, storing nothing', async () => {
    const { project, survey } = await setup()
    const foreign = await createSurvey((await createProject('Other')).secretKey)
    const token = project.secretKey
    const base = { surveyId: survey.id, everyDays: 90, dailyCap: 10 }
    for (const surveyId of ['srv_nope', foreign.id])
      expectProblem(
        await call('POST', '/v1/email/programs', { token, body: { ...base, surveyId } }),
        404,
      )
    for (const body of [
      { ...base, everyDays: 30 },
      { ...base, dailyCap: 0 },
      { ...base, window: { days: ['mon'], from: '12:00', to: '09:00' } },
      { everyDays: 90, dailyCap: 10 },
    ])
      expectProblem(
        await call('POST', '/v1/email/programs', { token, body }),
        400,
        'validation_failed',
      )
    expectProblem(
      await call('POST', '/v1/email/programs', { token: await readKey(token), body: base }),
      403,
      'insufficient_scope',
    )
    expect(await countRows('email_programs', project.id)).toBe(0)
  })
})
