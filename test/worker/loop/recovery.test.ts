import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../schema/constants'
import { wilson } from '../../../schema/stats'
import { changeFollowUp } from '../../../worker/loop/change'
import { call, contextOf, setup } from '../helpers'
import { answered, followUpRow } from './loop-helpers'

const HOUR = 3_600_000

async function reaskSends(projectId: string) {
  const { results } = await env.DB.prepare(
    "SELECT dedupe_key, ref, scheduled_for, email FROM email_sends WHERE project_id = ? AND source = 'reask'",
  )
    .bind(projectId)
    .all<{ dedupe_key: string; ref: string; scheduled_for: string; email: string }>()
  return results
}

describe('"did we fix it?"', () => {
  it('re-asks by email N days after resolved, once; a better re-ask answer counts as recovered', async () => {
    const { project, survey } = await setup()
    const put = await call('PUT', '/v1/follow-ups/settings', {
      token: project.secretKey,
      body: { reaskAfterDays: 7 },
    })
    expect(put.status, put.text).toBe(200)
    const won = await answered(survey.id, 2, { email: 'won@example.com' })
    const lost = await answered(survey.id, 1, { email: 'lost@example.com' })
    const silent = await answered(survey.id, 3)
    const t0 = Date.parse((await followUpRow(won))!.created_at!)
    const resolveAt = new Date(t0 + 5 * HOUR)
    for (const id of [won, lost, silent])
      await changeFollowUp(contextOf(project.id, resolveAt), id, { state: 'resolved' })
    // Reopened and resolved again: still one re-ask per answer.
    await changeFollowUp(contextOf(project.id, resolveAt), won, { state: 'open' })
    await changeFollowUp(contextOf(project.id, resolveAt), won, { state: 'resolved' })

    const sends = await reaskSends(project.id)
    // No address, no re-ask.
    expect(sends.map((s) => s.dedupe_key).sort()).toEqual([`reask:${lost}`, `reask:${won}`].sort())
    for (const s of sends) {
      expect(s.scheduled_for).toBe(new Date(resolveAt.getTime() + 7 * DAY_MS).toISOString())
      expect(s.ref).toBe(s.dedupe_key.slice('reask:'.length))
    }
    // The re-asks' answers come back with the first answer's id as their ref.
    await answered(survey.id, 9, { ref: won })
    await answered(survey.id, 4, { ref: lost })
    expect((await followUpRow(won))!.recovered_at).not.toBeNull()
    expect((await followUpRow(lost))!.recovered_at).toBeNull()
    expect((await followUpRow(lost))!.reask_response_id).not.toBeNull()

    const stats = await call('GET', '/v1/follow-ups/stats', { token: project.secretKey })
    expect(stats.status, stats.text).toBe(200)
    const p = stats.json.project
    // The re-ask still unhappy (4) is a negative answer of its own, with its own follow-up.
    expect([p.negative, p.reasked, p.recovered, p.recoveryRate]).toEqual([4, 2, 1, 50])
    const ci = wilson(1, 2)!
    expect(p.ci95.low).toBeCloseTo(ci.low * 100, 1)
    expect(p.ci95.high).toBeCloseTo(ci.high * 100, 1)
  }, 30_000)

  it('counts contacts by the deadline and the median hours to first contact, per owner', async () => {
    const { project, survey } = await setup()
    const early = await answered(survey.id, 0)
    const late = await answered(survey.id, 0)
    await answered(survey.id, 0)
    const t0 = Date.parse((await followUpRow(early))!.created_at!)
    const t1 = Date.parse((await followUpRow(late))!.created_at!)
    await changeFollowUp(contextOf(project.id, new Date(t0 + 2 * HOUR)), early, {
      state: 'contacted',
      via: 'call',
    })
    await changeFollowUp(contextOf(project.id, new Date(t1 + 50 * HOUR)), late, {
      state: 'contacted',
      via: 'ticket',
    })
    const res = await call('GET', `/v1/follow-ups/stats?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(res.status, res.text).toBe(200)
    const p = res.json.project
    expect([p.negative, p.contactedInTime, p.contactedInTimeShare]).toEqual([3, 1, 33.3])
    expect(p.medianHoursToContact).toBe(26)
    expect(res.json.owners).toEqual([expect.objectContaining({ ownerId: null, negative: 3 })])
    expect(res.json.surveys[0].surveyId).toBe(survey.id)
  })
})
