// The write cost of an answer (D1's meta.rows_written: the row, its index entries and every rollup
// row the triggers touch) stays within the budget of issue 12: ≤ 16 for a typical answer.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { INSIGHTS } from '../../../schema/constants'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import { upsertStatement } from '../../../worker/db/responses'
import { termsColumn, termsOf } from '../../../worker/lib/terms'
import { answerRow } from '../../../worker/services/answers'
import { setup, uuid } from '../helpers'

async function written(statement: D1PreparedStatement) {
  return (await statement.run()).meta.rows_written
}

describe('rows written per answer', () => {
  it('stay within 16 for a typical answer, however it arrives', async () => {
    const { survey } = await setup()
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    const typical = {
      surveyId: survey.id,
      // A passive: a negative answer also opens its follow-up (counted on its own below).
      score: 8,
      touchpoint: 'delivery',
      customerId: 'c1',
      properties: { segment: 'smb', plan: 'pro', country: 'DK' },
      locale: 'en',
    }
    const reason = 'Delivery was late and the driver was rude'
    const terms = termsOf(reason, 'en').length
    const row = (extra: Record<string, unknown>) =>
      answerRow(
        target,
        { ...typical, id: uuid(), ...extra },
        { channel: 'widget', now: new Date() },
      )

    // Without a reason: the row, 6 index entries (id, ref, survey list, customer, journey,
    // retention work list), the day bucket and 3 property buckets.
    const bare = await written(upsertStatement(env.DB, row({ ref: 'o1' })))
    expect(bare).toBe(11)
    // A detractor's answer also opens its follow-up (0016_loop.sql): the follow_ups row and its
    // 5 index entries (primary key, created, owner, unassigned, open by due time).
    const detractor = await written(upsertStatement(env.DB, row({ ref: 'o0', score: 3 })))
    expect(detractor).toBe(bare + 6)
    // With the reason in the same write (links, imports): + one row per term and the reasons row.
    const oneShot = await written(upsertStatement(env.DB, row({ ref: 'o2', reason })))
    expect(oneShot).toBe(bare + terms + 1)
    expect(oneShot).toBeLessThanOrEqual(16)
    // The widget's way: the score first, the reason a moment later.
    const scored = row({ ref: 'o3' })
    await written(upsertStatement(env.DB, scored))
    const amend = await written(
      env.DB.prepare('UPDATE responses SET reason = ?, terms = ? WHERE id = ?').bind(
        reason,
        termsColumn(reason, 'en'),
        scored.id,
      ),
    )
    expect(amend).toBe(1 + terms + 1)
    // A retry writes nothing.
    expect(await written(upsertStatement(env.DB, { ...scored }))).toBe(0)
    // The worst case is bounded: a long reason counts at most INSIGHTS.termsPerAnswer terms.
    const long = Array.from(
      { length: 60 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`,
    )
    const worst = await written(upsertStatement(env.DB, row({ ref: 'o4', reason: long.join(' ') })))
    expect(worst).toBe(bare + INSIGHTS.termsPerAnswer + 1)
  })
})
