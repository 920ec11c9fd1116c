import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ESCALATION_BUDGET, escalateOverdue } from '../../../worker/loop/escalate'
import { countingD1, FREE_PLAN } from '../d1-counter'
import { call, setup } from '../helpers'
import { createHook, receiver } from '../webhooks/helpers'
import { addMember, answered, followUpRow, recordingMailer } from './loop-helpers'

const HOUR = 3_600_000
const net = receiver()
beforeEach(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation((i, init) => net.fetch(String(i), init ?? {}))
})
afterEach(() => vi.restoreAllMocks())

async function steps(responseId: string) {
  const { results } = await env.DB.prepare(
    'SELECT step FROM follow_up_escalations WHERE response_id = ? ORDER BY step',
  )
    .bind(responseId)
    .all<{ step: number }>()
  return results.map((r) => r.step)
}

async function overdueDeliveries(hookId: string) {
  const { results } = await env.DB.prepare(
    "SELECT response_id FROM webhook_deliveries WHERE endpoint_id = ? AND event_type = 'followup.overdue'",
  )
    .bind(hookId)
    .all<{ response_id: string }>()
  return results.map((r) => r.response_id)
}

describe('escalation of overdue follow-ups', () => {
  it('tells the owner once when overdue, then the admins once a day later, by email and webhook', async () => {
    const { project, survey } = await setup()
    const owner = await addMember(project.id, 'member', 'owner@example.com')
    await addMember(project.id, 'admin', 'admin@example.com')
    await addMember(project.id, 'owner', 'boss@example.com')
    const hook = await createHook(project.secretKey, { events: ['followup.overdue'] })
    const id = await answered(survey.id, 1)
    const res = await call('PATCH', `/v1/responses/${id}/follow-up`, {
      token: project.secretKey,
      body: { ownerId: owner.id },
    })
    expect(res.status, res.text).toBe(200)
    const created = Date.parse((await followUpRow(id))!.created_at!)
    const mail = recordingMailer()
    const run = (hours: number) =>
      escalateOverdue({ db: env.DB, env: mail.env, now: new Date(created + hours * HOUR) })

    await run(47)
    expect(await steps(id)).toEqual([])
    await run(49)
    await run(49.5)
    expect(await steps(id)).toEqual([1])
    expect(mail.sent.map((m) => m.to)).toEqual(['owner@example.com'])
    expect(await overdueDeliveries(hook.id)).toEqual([id])
    // Step 2 waits adminAfterHours (24) past the deadline.
    await run(60)
    expect(await steps(id)).toEqual([1])
    await run(73)
    await run(80)
    expect(await steps(id)).toEqual([1, 2])
    expect(
      mail.sent
        .map((m) => m.to)
        .slice(1)
        .sort(),
    ).toEqual(['admin@example.com', 'boss@example.com'])
    expect(mail.sent).toHaveLength(3)
    expect(await overdueDeliveries(hook.id)).toEqual([id, id])
    const history = await call('GET', `/v1/responses/${id}/follow-up`, { token: project.secretKey })
    expect(
      history.json.history.filter((h: { change: string }) => h.change === 'escalated'),
    ).toHaveLength(2)
  })

  it('goes to the admins at step 1 when nobody owns the follow-up, and never for a contacted one', async () => {
    const { project, survey } = await setup()
    await addMember(project.id, 'admin', 'lead@example.com')
    const unowned = await answered(survey.id, 2)
    const contacted = await answered(survey.id, 2)
    await call('PATCH', `/v1/responses/${contacted}/follow-up`, {
      token: project.secretKey,
      body: { state: 'contacted', via: 'email' },
    })
    const mail = recordingMailer()
    const later = new Date(Date.now() + 100 * HOUR)
    await escalateOverdue({ db: env.DB, env: mail.env, now: later })
    await escalateOverdue({ db: env.DB, env: mail.env, now: later })
    expect(await steps(unowned)).toEqual([1])
    expect(await steps(contacted)).toEqual([])
    expect(mail.sent.filter((m) => m.to === 'lead@example.com')).toHaveLength(1)
  })

  it('stays within the Free plan’s 50 D1 queries however many are overdue', async () => {
    const { project, survey } = await setup()
    await addMember(project.id, 'admin')
    for (let i = 0; i < 25; i++) await answered(survey.id, 0)
    const counted = countingD1(env.DB)
    const bindings = { ...recordingMailer().env, DB: counted.db }
    const done = await escalateOverdue({
      db: counted.db,
      env: bindings,
      now: new Date(Date.now() + 200 * HOUR),
    })
    expect(done.step1).toBeGreaterThan(0)
    expect(counted.usage.queries).toBeLessThanOrEqual(ESCALATION_BUDGET.queries)
    expect(ESCALATION_BUDGET.queries).toBeLessThanOrEqual(FREE_PLAN.queries)
    expect(done.queries).toBe(counted.usage.queries)
  })
})
