import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { audit } from '../../../worker/audit/audit'
import { call, expectProblem, setup, uuid } from '../helpers'
import { addMember, answered, userContext } from '../loop/loop-helpers'

interface Entry {
  actor: string
  action: string
  target: string | null
  detail: Record<string, unknown> | null
  at: string
}

async function entries(projectId: string): Promise<Entry[]> {
  const { results } = await env.DB.prepare(
    'SELECT actor, action, target, detail, at FROM audit_log WHERE project_id = ? ORDER BY at, rowid',
  )
    .bind(projectId)
    .all<Entry & { detail: string | null }>()
  return results.map((r) => ({ ...r, detail: r.detail && JSON.parse(r.detail) }))
}

const MANAGER_SCHEMES = new Set(['secretKey', 'session'])

describe('the audit log', () => {
  it('records every state-changing operation of the manager API in /openapi.json', async () => {
    const { project } = await setup()
    const doc = (await call('GET', '/openapi.json')).json
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>,
    ).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => method !== 'get')
        .filter(([, op]) =>
          op.security?.some((s) => Object.keys(s).some((k) => MANAGER_SCHEMES.has(k))),
        )
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    )
    // The walk is not empty and covers the closed loop.
    expect(operations.length).toBeGreaterThan(15)
    expect(operations).toContainEqual({ method: 'PATCH', path: '/v1/responses/{id}/follow-up' })
    for (const op of operations) {
      // A made-up id: the call is refused or finds nothing, and is recorded all the same.
      const url = op.path.replace(/\{[^}]+\}/g, () => uuid())
      const res = await call(op.method, url, { token: project.secretKey, body: {} })
      expect(res.status, `${op.method} ${op.path}`).toBeLessThan(500)
    }
    const actions = new Set((await entries(project.id)).map((e) => e.action))
    // DELETE /v1/sessions/current is made with the cookie only; a Bearer key is refused before.
    const missing = operations
      .map((op) => `${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`)
      .filter((a) => !actions.has(a) && a !== 'DELETE /v1/sessions/current')
    expect(missing).toEqual([])
  }, 60_000)

  it('names the actor, the target and the outcome of a change', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 2)
    await call('PATCH', `/v1/responses/${id}/follow-up`, {
      token: project.secretKey,
      body: { state: 'contacted', via: 'call', note: 'Called Ann at +45 1234' },
    })
    const created = await call('POST', '/v1/surveys', {
      token: project.secretKey,
      body: { name: 'Second', kind: 'csat' },
    })
    const log = await entries(project.id)
    expect(log).toContainEqual(
      expect.objectContaining({
        actor: 'key:full',
        action: 'PATCH /v1/responses/:id/follow-up',
        target: id,
        detail: { status: 200 },
      }),
    )
    expect(log).toContainEqual(
      expect.objectContaining({ action: 'POST /v1/surveys', target: created.json.id }),
    )
    // The note's words are in the follow-up's history, never in the audit log.
    expect(JSON.stringify(log)).not.toContain('Ann')
  })

  it('records sign-ins, by key and (through audit()) by a person', async () => {
    const { project } = await setup()
    const res = await call('POST', '/v1/sessions', { body: { key: project.secretKey } })
    expect(res.status, res.text).toBe(201)
    const person = await addMember(project.id, 'admin')
    await audit(userContext(project.id, person.id, 'admin'), {
      action: 'sign_in',
      detail: { via: 'password' },
    })
    const signIns = (await entries(project.id)).filter((e) => e.action === 'sign_in')
    expect(signIns.map((e) => [e.actor, e.detail?.via])).toEqual([
      ['session:full', 'key'],
      [`user:${person.id}`, 'password'],
    ])
  })

  it('is readable with a full key only, filtered, paged and exported as CSV (the export is recorded)', async () => {
    const { project } = await setup()
    for (let i = 0; i < 3; i++)
      await call('POST', '/v1/surveys', {
        token: project.secretKey,
        body: { name: `S${i}`, kind: 'nps' },
      })
    await call('PATCH', '/v1/project', { token: project.secretKey, body: { name: 'Renamed' } })
    const key = await call('POST', '/v1/keys', {
      token: project.secretKey,
      body: { name: 'Reader', scope: 'read' },
    })
    expectProblem(
      await call('GET', '/v1/audit', { token: key.json.key }),
      403,
      'insufficient_scope',
    )

    const page1 = await call('GET', '/v1/audit?action=POST%20/v1/surveys&limit=2', {
      token: project.secretKey,
    })
    expect(page1.status, page1.text).toBe(200)
    expect(page1.json.data).toHaveLength(2)
    const page2 = await call(
      'GET',
      `/v1/audit?action=POST%20/v1/surveys&limit=2&cursor=${page1.json.nextCursor}`,
      { token: project.secretKey },
    )
    // Four surveys created: the one of setup() and these three.
    expect(page2.json.data).toHaveLength(2)
    expect(page2.json.nextCursor).toBeNull()
    const future = await call(
      'GET',
      `/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`,
      {
        token: project.secretKey,
      },
    )
    expect(future.json.data).toEqual([])

    const csv = await call('GET', '/v1/audit?actor=key:full', {
      token: project.secretKey,
      headers: { accept: 'text/csv' },
    })
    expect(csv.status, csv.text).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe('at,actor,action,target,detail,id')
    expect(lines.some((l) => l.includes('PATCH /v1/project'))).toBe(true)
    const after = await entries(project.id)
    expect(after.at(-1)).toMatchObject({ action: 'export GET /v1/audit', actor: 'key:full' })
  })

  it('keeps the entries when a customer is erased, with nothing of theirs in them', async () => {
    const { project, survey } = await setup()
    const id = await answered(survey.id, 1, { customerId: 'cust-ann-77', email: 'ann@example.com' })
    await call('PATCH', `/v1/responses/${id}/follow-up`, {
      token: project.secretKey,
      body: { state: 'resolved', note: 'ann@example.com was refunded' },
    })
    const erased = await call('DELETE', '/v1/customers/cust-ann-77', { token: project.secretKey })
    expect(erased.status, erased.text).toBe(200)
    const log = await entries(project.id)
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'PATCH /v1/responses/:id/follow-up',
        'DELETE /v1/customers/:customerId',
      ]),
    )
    const text = JSON.stringify(log)
    expect(text).not.toContain('cust-ann-77')
    expect(text).not.toContain('ann@example.com')
    // The follow-up and its history (with the note) went with the answer.
    const left = await env.DB.prepare(
      'SELECT (SELECT count(*) FROM follow_ups WHERE response_id = ?1) + (SELECT count(*) FROM follow_up_events WHERE response_id = ?1) AS n',
    )
      .bind(id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
  })
})
