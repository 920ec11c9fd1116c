import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import { answerRow } from '../../../worker/services/answers'
import { upsertResponse } from '../../../worker/db/responses'
import { setup, uuid } from '../helpers'

describe('upsertResponse', () => {
  it('writes rows for a new answer and none for a retry of the same id', async () => {
    const { survey } = await setup()
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    const row = answerRow(
      target,
      { id: uuid(), surveyId: survey.id, score: 9, touchpoint: 'web' },
      { channel: 'api', now: new Date() },
    )
    const first = await upsertResponse(env.DB, row)
    expect(first.outcome).toBe('created')
    expect(first.rowsWritten).toBeGreaterThan(0)
    const retry = await upsertResponse(env.DB, row)
    expect(retry).toMatchObject({ outcome: 'duplicate', id: row.id, rowsWritten: 0 })
  })

  it('does not let an older answer for the same ref overwrite a newer one', async () => {
    const { survey } = await setup()
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    const base = { surveyId: survey.id, customerId: 'c1', ref: 'order-7' }
    const newer = answerRow(
      target,
      { id: uuid(), score: 10, ...base },
      { channel: 'api', now: new Date('2026-05-02T00:00:00Z') },
    )
    const older = answerRow(
      target,
      { id: uuid(), score: 0, ...base },
      { channel: 'import', now: new Date(), answeredAt: new Date('2026-05-01T00:00:00Z') },
    )
    expect((await upsertResponse(env.DB, newer)).outcome).toBe('created')
    const result = await upsertResponse(env.DB, older)
    expect(result).toMatchObject({ outcome: 'kept', id: newer.id, category: 'promoter' })
    const stored = await env.DB.prepare('SELECT score FROM responses WHERE id = ?')
      .bind(newer.id)
      .first()
    expect(stored).toEqual({ score: 10 })
  })
})
