import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { assignFollowUps, LOOP_BUDGET } from '../../../worker/loop/assign'
import { changeFollowUp, followUpDetail } from '../../../worker/loop/change'
import { call, expectProblem, setup } from '../helpers'
import { importRows } from '../manager-helpers'
import { invite, sendForm } from '../invitation-helpers'
import { addMember, answered, followUpRow, userContext } from './loop-helpers'

const HOUR = 3_600_000
const patchFollowUp = (token: string, id: string, body: unknown) =>
  call('PATCH', `/v1/responses/${id}/follow-up`, { token, body })

describe('follow-ups of negative answers', () => {
  it('opens one for a detractor with a deadline 48 hours after the answer, none for others or imported history', async () => {
    const { project, survey } = await setup()
    const detractor = await answered(survey.id, 2)
    const promoter = await answered(survey.id, 10)
    const lastWeek = new Date(Date.now() - 3 * 24 * HOUR).toISOString()
    await importRows(project.secretKey, [
      { surveyId: survey.id, score: 1, createdAt: '2026-01-05T10:00:00.000Z' },
      { id: crypto.randomUUID(), surveyId: survey.id, score: 1, createdAt: lastWeek },
    ])
    const row = await followUpRow(detractor)
    expect(row?.state).toBe('open')
    expect(Date.parse(row!.due_at!) - Date.parse(row!.created_at!)).toBe(48 * HOUR)
    expect(await followUpRow(promoter)).toBeNull()
    const { count } = (await env.DB.prepare(
      'SELECT count(*) AS count FROM follow_ups WHERE project_id = ?',
    )
      .bind(project.id)
      .first<{ count: number }>())!
    // The detractor, and last week's imported one (already overdue); not January's.
    expect(count).toBe(2)
  })

  it('assigns owners round-robin among members, by touchpoint, and to the ticket agent who is a member', async () => {
    const { project, survey } = await setup({ kind: 'ces' })
    const a = await addMember(project.id, 'member')
    const b = await addMember(project.id, 'admin')
    await addMember(project.id, 'viewer')
    const agent = await addMember(project.id, 'member', 'agent@example.com')
    const store = await addMember(project.id, 'member')
    let res = await call('PUT', '/v1/follow-ups/settings', {
      token: project.secretKey,
      body: { assign: { byTouchpoint: { store: store.id } }, dueHours: 24 },
    })
    expect(res.status, res.text).toBe(200)
    // CES: 1–2 is difficult (negative).
    const ids = [
      await answered(survey.id, 1, { touchpoint: 'web' }),
      await answered(survey.id, 2, { touchpoint: 'web' }),
      await answered(survey.id, 1, { touchpoint: 'web' }),
      await answered(survey.id, 1, { touchpoint: 'store' }),
      await answered(survey.id, 1, { properties: { agentEmail: 'AGENT@example.com' } }),
    ]
    // Bounded chunks (other tests' follow-ups in this file's database come first): run until done.
    let assigned = 0
    for (let run = 0; run < 10; run++) {
      const done = await assignFollowUps({ db: env.DB, env, now: new Date() })
      expect(done.queries).toBeLessThanOrEqual(LOOP_BUDGET.queries)
      if (!done.assigned) break
      assigned += done.assigned
    }
    expect(assigned).toBeGreaterThanOrEqual(5)
    const owners = await Promise.all(ids.map(async (id) => (await followUpRow(id))!.owner_id))
    // Round-robin in membership order, never the viewer: a, b, agent (each least recent).
    expect(owners.slice(0, 3)).toEqual([a.id, b.id, agent.id])
    expect(owners[3]).toBe(store.id)
    expect(owners[4]).toBe(agent.id)
    const row = await followUpRow(ids[0])
    expect(Date.parse(row!.due_at!) - Date.parse(row!.created_at!)).toBe(24 * HOUR)
    res = await call('GET', `/v1/follow-ups?owner=${store.id}`, { token: project.secretKey })
    expect(res.json.data.map((f: { responseId: string }) => f.responseId)).toEqual([ids[3]])
  })

  it('moves open → contacted (by call) → resolved with each change, its author and time in the history', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 3)
    let res = await patchFollowUp(project.secretKey, id, { state: 'contacted', via: 'call' })
    expect(res.status, res.text).toBe(200)
    expect(res.json.state).toBe('contacted')
    expect(res.json.contactedAt).not.toBeNull()
    const person = await addMember(project.id, 'member')
    const ctx = userContext(project.id, person.id, 'member')
    const detail = await changeFollowUp(ctx, id, { state: 'resolved', note: 'Refunded' })
    expect(detail.state).toBe('resolved')
    expect(detail.history.map((h) => [h.actor, h.change, h.state, h.via])).toEqual([
      ['key:full', 'state', 'contacted', 'call'],
      [`user:${person.id}`, 'state', 'resolved', 'call'],
      [`user:${person.id}`, 'note', null, null],
    ])
    // The answer's legacy fields follow: closed, with the note.
    res = await call('GET', `/v1/responses/${id}`, { token: project.secretKey })
    expect([res.json.followUp, res.json.note]).toEqual(['closed', 'Refunded'])
  })

  it('refuses a contact without via, an impossible move and an owner who is not a member', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 0)
    expectProblem(
      await patchFollowUp(project.secretKey, id, { state: 'contacted' }),
      400,
      'validation_failed',
      'via',
    )
    await patchFollowUp(project.secretKey, id, { state: 'resolved' })
    expectProblem(
      await patchFollowUp(project.secretKey, id, { state: 'unreachable' }),
      400,
      'validation_failed',
      'state',
    )
    const viewer = await addMember(project.id, 'viewer')
    expectProblem(
      await patchFollowUp(project.secretKey, id, { ownerId: viewer.id }),
      400,
      'validation_failed',
      'ownerId',
    )
    expect((await followUpRow(id))!.state).toBe('resolved')
  })

  it('keeps PATCH /v1/responses/:id working: followUp closed resolves the follow-up, open reopens it', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 1)
    let res = await call('PATCH', `/v1/responses/${id}`, {
      token: project.secretKey,
      body: { followUp: 'closed' },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json.followUp).toBe('closed')
    expect((await followUpRow(id))!.state).toBe('resolved')
    await call('PATCH', `/v1/responses/${id}`, {
      token: project.secretKey,
      body: { followUp: 'open' },
    })
    expect((await followUpRow(id))!.state).toBe('open')
  })

  it('lists overdue, unassigned and by state; owner=me needs a person', async () => {
    const { project, survey } = await setup()
    const late = await answered(survey.id, 2)
    const fresh = await answered(survey.id, 2)
    await env.DB.prepare('UPDATE follow_ups SET due_at = ? WHERE response_id = ?')
      .bind(new Date(Date.now() - HOUR).toISOString(), late)
      .run()
    await patchFollowUp(project.secretKey, fresh, { state: 'contacted', via: 'email' })
    const ids = async (q: string) => {
      const res = await call('GET', `/v1/follow-ups?${q}`, { token: project.secretKey })
      expect(res.status, res.text).toBe(200)
      return res.json.data.map((f: { responseId: string }) => f.responseId)
    }
    expect(await ids('overdue=true')).toEqual([late])
    expect(await ids('state=contacted')).toEqual([fresh])
    expect((await ids('owner=none')).sort()).toEqual([late, fresh].sort())
    expect(await ids('limit=1')).toHaveLength(1)
    expectProblem(
      await call('GET', '/v1/follow-ups?owner=me', { token: project.secretKey }),
      400,
      'validation_failed',
      'query.owner',
    )
  })

  it("answers 404 for another project's follow-up, to its keys and to its people", async () => {
    const a = await setup()
    const b = await setup()
    const id = await answered(b.survey.id, 1)
    expectProblem(
      await call('GET', `/v1/responses/${id}/follow-up`, { token: a.project.secretKey }),
      404,
    )
    expectProblem(await patchFollowUp(a.project.secretKey, id, { state: 'resolved' }), 404)
    const person = await addMember(a.project.id, 'admin')
    const ctx = userContext(a.project.id, person.id, 'admin')
    await expect(followUpDetail(ctx, id)).rejects.toMatchObject({ status: 404 })
    await expect(changeFollowUp(ctx, id, { state: 'resolved' })).rejects.toMatchObject({
      status: 404,
    })
    expect((await followUpRow(id))!.state).toBe('open')
  })

  it('refuses a change with a read key', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 1)
    const key = await call('POST', '/v1/keys', {
      token: project.secretKey,
      body: { scope: 'read', name: 'Reader' },
    })
    expect(key.status, key.text).toBe(201)
    expectProblem(
      await patchFollowUp(key.json.key, id, { state: 'resolved' }),
      403,
      'insufficient_scope',
    )
    expect(
      (await call('GET', `/v1/responses/${id}/follow-up`, { token: key.json.key })).status,
    ).toBe(200)
  })

  it('keeps one follow-up when a link answer goes negative, positive and negative again', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id, ref: 'T-flip' })
    for (const score of ['2', '9', '1']) expect((await sendForm(path, { score })).status).toBe(200)
    const { results } = await env.DB.prepare(
      'SELECT response_id FROM follow_ups WHERE project_id = ? AND survey_id = ?',
    )
      .bind(project.id, survey.id)
      .all()
    expect(results).toHaveLength(1)
  })
})
