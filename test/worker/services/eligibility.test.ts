import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import { insertImpression } from '../../../worker/db/impressions'
import { recordAnswer } from '../../../worker/services/answers'
import { eligibilityOf } from '../../../worker/services/eligibility'
import { setup, uuid } from '../helpers'

const DAY = 86400_000

async function target(throttleDays: number) {
  const { survey } = await setup({ throttleDays })
  return (await findSurveyForAnswer(env.DB, survey.id))!
}

describe('eligibilityOf (the contact ledger)', () => {
  it('counts an answer given through an emailed link, not only the widget', async () => {
    const t = await target(90)
    const now = new Date()
    await recordAnswer(
      env.DB,
      t,
      { id: uuid(), surveyId: t.survey.id, score: 3, customerId: 'cus_link' },
      {
        channel: 'link',
        now: new Date(now.getTime() - 10 * DAY),
        identityProof: 'link_token',
      },
    )
    const result = await eligibilityOf(env.DB, t.projectId, 'cus_link', 90, now)
    expect(result.eligible).toBe(false)
    expect(result.reason).toBe('answered')
    expect(Date.parse(result.nextEligibleAt!)).toBe(now.getTime() + 80 * DAY)
  })

  it('forgets contacts older than throttleDays', async () => {
    const t = await target(30)
    const now = new Date()
    const old = new Date(now.getTime() - 31 * DAY)
    await recordAnswer(
      env.DB,
      t,
      { id: uuid(), surveyId: t.survey.id, score: 9, customerId: 'cus_old' },
      {
        channel: 'api',
        now: old,
      },
    )
    await insertImpression(env.DB, {
      id: uuid(),
      type: 'dismissed',
      project_id: t.projectId,
      survey_id: t.survey.id,
      touchpoint: null,
      customer_id: 'cus_old',
      created_at: old.toISOString(),
    })
    expect(await eligibilityOf(env.DB, t.projectId, 'cus_old', 30, now)).toEqual({ eligible: true })
    expect((await eligibilityOf(env.DB, t.projectId, 'cus_old', 32, now)).eligible).toBe(false)
  })

  it('dates the next ask from the latest contact, answer or dismissal', async () => {
    const t = await target(10)
    const now = new Date()
    await recordAnswer(
      env.DB,
      t,
      { id: uuid(), surveyId: t.survey.id, score: 9, customerId: 'cus_m' },
      {
        channel: 'widget',
        now: new Date(now.getTime() - 5 * DAY),
      },
    )
    await insertImpression(env.DB, {
      id: uuid(),
      type: 'dismissed',
      project_id: t.projectId,
      survey_id: t.survey.id,
      touchpoint: null,
      customer_id: 'cus_m',
      created_at: new Date(now.getTime() - 2 * DAY).toISOString(),
    })
    const result = await eligibilityOf(env.DB, t.projectId, 'cus_m', 10, now)
    expect(result).toEqual({
      eligible: false,
      reason: 'dismissed',
      nextEligibleAt: new Date(now.getTime() + 8 * DAY).toISOString(),
    })
  })
})
