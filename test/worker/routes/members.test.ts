import { describe, expect, it } from 'vitest'
import { accept, invite, member, newEmail, PASSWORD, signInAs, tokenOf } from '../account-helpers'
import { answer, call, createProject, createSurvey, expectProblem } from '../helpers'
import { withCookie } from '../session-helpers'

describe('invitations', () => {
  it('works once: a used link is refused', async () => {
    const p = await createProject()
    const inv = await invite(p.secretKey, { email: newEmail(), role: 'member' })
    expect(inv.inviteUrl).toMatch(/^http:\/\/kundepuls\.test\/app\/invite#token=/)
    expect((await accept(inv.inviteUrl)).status).toBe(201)
    expectProblem(await accept(inv.inviteUrl), 410, 'link_unusable')
    expectProblem(
      await call('POST', '/v1/auth/invites/lookup', { body: { token: tokenOf(inv.inviteUrl) } }),
      410,
    )
  })

  it('stops working when revoked, and is listed until then', async () => {
    const p = await createProject()
    const email = newEmail()
    const inv = await invite(p.secretKey, { email, role: 'viewer' })
    const listed = await call('GET', '/v1/members', { token: p.secretKey })
    expect(listed.json.invites.map((i: { email: string }) => i.email)).toEqual([email])
    const lookup = await call('POST', '/v1/auth/invites/lookup', {
      body: { token: tokenOf(inv.inviteUrl) },
    })
    expect(lookup.json).toMatchObject({ email, role: 'viewer', hasAccount: false })
    const revoked = await call('DELETE', `/v1/members/invites/${inv.id}`, { token: p.secretKey })
    expect(revoked.status).toBe(204)
    expectProblem(await accept(inv.inviteUrl), 410, 'link_unusable')
    expect((await call('GET', '/v1/members', { token: p.secretKey })).json.invites).toEqual([])
    expectProblem(await signInAs(email), 401)
  })

  it('asks a person who has an account for their own password to join', async () => {
    const a = await createProject('A')
    const b = await createProject('B')
    const { email } = await member(a.secretKey, 'member')
    const inv = await invite(b.secretKey, { email, role: 'admin' })
    expectProblem(await accept(inv.inviteUrl, 'somebody elses password'), 401)
    const joined = await accept(inv.inviteUrl, PASSWORD)
    expect(joined.status, joined.text).toBe(201)
    expect(joined.json.projects.map((x: { name: string }) => x.name)).toEqual(['A', 'B'])
  })

  it('lets only an owner invite an owner', async () => {
    const p = await createProject()
    const admin = await member(p.secretKey, 'admin')
    const owner = await member(p.secretKey, 'owner')
    const body = { email: newEmail(), role: 'owner' }
    expectProblem(
      await withCookie('POST', '/v1/members', admin.cookie, { body }),
      403,
      'insufficient_role',
    )
    expect((await withCookie('POST', '/v1/members', owner.cookie, { body })).status).toBe(201)
  })
})

describe('roles and the last owner', () => {
  it('keeps the last owner: cannot be demoted or removed', async () => {
    const p = await createProject()
    const owner = await member(p.secretKey, 'owner')
    expectProblem(
      await withCookie('PATCH', `/v1/members/${owner.userId}`, owner.cookie, {
        body: { role: 'admin' },
      }),
      409,
      'last_owner',
    )
    expectProblem(
      await withCookie('DELETE', `/v1/members/${owner.userId}`, owner.cookie),
      409,
      'last_owner',
    )
    const second = await member(p.secretKey, 'owner')
    const left = await withCookie('DELETE', `/v1/members/${owner.userId}`, owner.cookie)
    expect(left.status, left.text).toBe(204)
    const members = (await withCookie('GET', '/v1/members', second.cookie)).json.data
    expect(members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
      [second.userId, 'owner'],
    ])
  })

  it('does not let an admin remove or demote an owner, nor make one', async () => {
    const p = await createProject()
    const owner = await member(p.secretKey, 'owner')
    const admin = await member(p.secretKey, 'admin')
    const viewer = await member(p.secretKey, 'viewer')
    for (const [method, path, body] of [
      ['DELETE', `/v1/members/${owner.userId}`, undefined],
      ['PATCH', `/v1/members/${owner.userId}`, { role: 'viewer' }],
      ['PATCH', `/v1/members/${viewer.userId}`, { role: 'owner' }],
    ] as const)
      expectProblem(
        await withCookie(method, path, admin.cookie, body ? { body } : {}),
        403,
        'insufficient_role',
      )
    const promoted = await withCookie('PATCH', `/v1/members/${viewer.userId}`, admin.cookie, {
      body: { role: 'member', limits: { touchpoints: ['checkout'] } },
    })
    expect(promoted.json).toMatchObject({ role: 'member', limits: { touchpoints: ['checkout'] } })
  })
})

describe('a limited member', () => {
  it('sees answers and figures of their surveys only (403, never the data)', async () => {
    const p = await createProject()
    const mine = await createSurvey(p.secretKey, { name: 'Aarhus' })
    const theirs = await createSurvey(p.secretKey, { name: 'Odense' })
    const inside = (await answer(mine.id, { score: 2, reason: 'mine' })).json.id
    const outside = (await answer(theirs.id, { score: 1, reason: 'not mine' })).json.id
    const { cookie } = await member(p.secretKey, 'member', { surveyIds: [mine.id] })
    const ok = await withCookie('GET', `/v1/responses?surveyId=${mine.id}`, cookie)
    expect(ok.json.data.map((r: { reason: string }) => r.reason)).toEqual(['mine'])
    expect((await withCookie('GET', `/v1/responses/${inside}`, cookie)).status).toBe(200)
    expect((await withCookie('GET', `/v1/metrics?surveyId=${mine.id}`, cookie)).status).toBe(200)
    for (const path of [
      `/v1/responses?surveyId=${theirs.id}`,
      '/v1/responses',
      `/v1/responses/${outside}`,
      `/v1/metrics?surveyId=${theirs.id}`,
      `/v1/surveys/${theirs.id}`,
      '/v1/customers/at-risk',
      '/v1/journeys',
    ]) {
      const res = await withCookie('GET', path, cookie)
      expectProblem(res, 403, 'out_of_scope')
      expect(res.text).not.toContain('not mine')
    }
    expectProblem(
      await withCookie('PATCH', `/v1/responses/${outside}`, cookie, { body: { note: 'x' } }),
      403,
      'out_of_scope',
    )
  })

  it('sees one answer only when it carries their segment value', async () => {
    const p = await createProject()
    const s = await createSurvey(p.secretKey)
    const aarhus = (await answer(s.id, { score: 3, properties: { store: 'Aarhus' } })).json.id
    const odense = (await answer(s.id, { score: 3, properties: { store: 'Odense' } })).json.id
    const { cookie } = await member(p.secretKey, 'member', {
      segment: { property: 'store', value: 'Aarhus' },
    })
    expect((await withCookie('GET', `/v1/responses/${aarhus}`, cookie)).status).toBe(200)
    expectProblem(await withCookie('GET', `/v1/responses/${odense}`, cookie), 403, 'out_of_scope')
    // Lists cannot be narrowed to a segment yet: refused rather than shown whole.
    expectProblem(await withCookie('GET', `/v1/responses?surveyId=${s.id}`, cookie), 403)
  })

  it('reads figures and lists only narrowed to their touchpoints', async () => {
    const p = await createProject()
    const s = await createSurvey(p.secretKey)
    const { cookie } = await member(p.secretKey, 'member', { touchpoints: ['checkout'] })
    const narrowed = `/v1/metrics?surveyId=${s.id}&touchpoint=checkout`
    expect((await withCookie('GET', narrowed, cookie)).status).toBe(200)
    for (const path of [
      `/v1/metrics?surveyId=${s.id}`,
      `/v1/metrics?surveyId=${s.id}&touchpoint=returns`,
      `/v1/responses?surveyId=${s.id}`,
      `/v1/themes?surveyId=${s.id}`,
    ])
      expectProblem(await withCookie('GET', path, cookie), 403, 'out_of_scope')
  })
})
