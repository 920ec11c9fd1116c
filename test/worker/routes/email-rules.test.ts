import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, setup } from '../helpers'
import { countRows, createRule, readKey, WEEKDAYS_9_TO_5 } from '../email/trigger-helpers'

describe('/v1/email/rules', () => {
  it('creates a rule with the working-hours window by default, lists, reads, changes and deletes it', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    const rule = await createRule(token, {
      eventType: 'order.delivered',
      surveyId: survey.id,
      delayMinutes: 2 * 1440,
    })
    expect(rule).toMatchObject({
      eventType: 'order.delivered',
      surveyId: survey.id,
      delayMinutes: 2880,
      window: WEEKDAYS_9_TO_5,
      reminderAfterDays: 3,
    })
    const listed = await call('GET', '/v1/email/rules', { token })
    expect(listed.json.data.map((r: { id: string }) => r.id)).toEqual([rule.id])

    const changed = await call('PATCH', `/v1/email/rules/${rule.id}`, {
      token,
      body: { delayMinutes: 60, window: { days: ['sat'], from: '10:00', to: '12:00' } },
    })
    expect(changed.status, changed.text).toBe(200)
    const read = await call('GET', `/v1/email/rules/${rule.id}`, { token })
    expect(read.json).toMatchObject({
      delayMinutes: 60,
      window: { days: ['sat'], from: '10:00', to: '12:00' },
      eventType: 'order.delivered',
    })

    expect((await call('DELETE', `/v1/email/rules/${rule.id}`, { token })).status).toBe(204)
    expectProblem(await call('GET', `/v1/email/rules/${rule.id}`, { token }), 404, 'not_found')
  })

  it('refuses a rule without a survey, with an unknown or foreign survey, or a bad window, storing nothing', async () => {
    const { project, survey } = await setup()
    const other = await createProject('Other')
    const foreign = await createSurvey(other.secretKey)
    const token = project.secretKey
    const base = { eventType: 'order.delivered', surveyId: survey.id, delayMinutes: 0 }
    const { surveyId: _, ...withoutSurvey } = base
    expectProblem(
      await call('POST', '/v1/email/rules', { token, body: withoutSurvey }),
      400,
      'validation_failed',
      'surveyId',
    )
    for (const surveyId of ['srv_unknown', foreign.id])
      expectProblem(
        await call('POST', '/v1/email/rules', { token, body: { ...base, surveyId } }),
        404,
        'not_found',
      )
    for (const window of [
      { days: [], from: '09:00', to: '17:00' },
      { days: ['mon'], from: '17:00', to: '09:00' },
      { days: ['monday'], from: '09:00', to: '17:00' },
      { days: ['mon'], from: '9:00', to: '24:30' },
    ])
      expectProblem(
        await call('POST', '/v1/email/rules', { token, body: { ...base, window } }),
        400,
        'validation_failed',
      )
    expectProblem(
      await call('POST', '/v1/email/rules', { token, body: { ...base, delayMinutes: -1 } }),
      400,
      'validation_failed',
      'delayMinutes',
    )
    expect(await countRows('email_rules', project.id)).toBe(0)
  })

  it("refuses a change to another project's survey and leaves the rule as it was", async () => {
    const { project, survey } = await setup()
    const other = await createProject('Other')
    const foreign = await createSurvey(other.secretKey)
    const rule = await createRule(project.secretKey, {
      eventType: 'ticket.solved',
      surveyId: survey.id,
      delayMinutes: 0,
    })
    expectProblem(
      await call('PATCH', `/v1/email/rules/${rule.id}`, {
        token: project.secretKey,
        body: { surveyId: foreign.id },
      }),
      404,
    )
    const read = await call('GET', `/v1/email/rules/${rule.id}`, { token: project.secretKey })
    expect(read.json.surveyId).toBe(survey.id)
    // Another project's key does not see it.
    expectProblem(await call('GET', `/v1/email/rules/${rule.id}`, { token: other.secretKey }), 404)
  })

  it('lets a read key list rules but not change them', async () => {
    const { project, survey } = await setup()
    const rk = await readKey(project.secretKey)
    expect((await call('GET', '/v1/email/rules', { token: rk })).status).toBe(200)
    expectProblem(
      await call('POST', '/v1/email/rules', {
        token: rk,
        body: { eventType: 'x', surveyId: survey.id, delayMinutes: 0 },
      }),
      403,
      'insufficient_scope',
    )
    expect(await countRows('email_rules', project.id)).toBe(0)
  })
})
