import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { confirmPasswordReset, requestPasswordReset } from '../../../worker/services/accounts'
import type { MailMessage } from '../../../worker/email/mailer'
import {
  accept,
  invite,
  member,
  newEmail,
  PASSWORD,
  signInAs,
  tokenOf,
  userCookieOf,
} from '../account-helpers'
import { call, createProject, createSurvey, expectProblem, freshLimiterWindow } from '../helpers'
import { ORIGIN, withCookie } from '../session-helpers'
import { DAILY_CRON, runCron } from '../cron-helpers'

describe('password sign-in', () => {
  it('signs an invited person in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const p = await createProject('Signed')
    const { email } = await member(p.secretKey, 'admin')
    const res = await signInAs(email)
    expect(res.status, res.text).toBe(201)
    const set = res.headers.getSetCookie().find((h) => h.startsWith('kp_user='))!
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Lax/i)
    expect(set).toMatch(/Path=\//)
    expect(set).not.toMatch(/Secure/i) // plain http here; Secure over https
    expect(res.json.projects).toEqual([{ id: p.id, name: 'Signed', role: 'admin' }])
    expect(res.json.projectId).toBe(p.id)
    const surveys = await withCookie('GET', '/v1/surveys', userCookieOf(res))
    expect(surveys.status, surveys.text).toBe(200)
  })

  it('answers a wrong password and an unknown address alike', async () => {
    const p = await createProject()
    const { email } = await member(p.secretKey, 'member')
    const wrong = await signInAs(email, 'not the passphrase')
    const unknown = await signInAs(newEmail('nobody'))
    expectProblem(wrong, 401, 'unauthorized')
    expectProblem(unknown, 401, 'unauthorized')
    expect(wrong.json.detail).toBe(unknown.json.detail)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const p = await createProject()
    const { email } = await member(p.secretKey, 'member')
    const res = await call('POST', '/v1/auth/sign-in', {
      body: { email, password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    })
    expectProblem(res, 403, 'origin_mismatch')
  })

  it("refuses changes made with a person's cookie from another site or without an Origin", async () => {
    const p = await createProject()
    const { cookie } = await member(p.secretKey, 'member')
    const body = { name: 'Cross-site', kind: 'nps' }
    const evil = await withCookie('POST', '/v1/surveys', cookie, {
      body,
      origin: 'https://evil.example',
    })
    expectProblem(evil, 403, 'origin_mismatch')
    expectProblem(await withCookie('POST', '/v1/surveys', cookie, { body, origin: null }), 403)
    const ours = await withCookie('POST', '/v1/surveys', cookie, { body })
    expect(ours.status, ours.text).toBe(201)
  })

  it(
    'throttles one account tried from many addresses, and one address trying many accounts',
    {
      timeout: 60_000,
    },
    async () => {
      await freshLimiterWindow()
      const p = await createProject()
      const { email } = await member(p.secretKey, 'member')
      const perAccount = []
      for (let i = 0; i < 11; i++)
        perAccount.push((await signInAs(email, 'wrong guess!', `203.0.113.${i + 1}`)).status)
      expect(perAccount.slice(0, 10).every((s) => s === 401)).toBe(true)
      expect(perAccount[10]).toBe(429)
      // Throttled even with the right password: the account's budget is spent.
      expectProblem(await signInAs(email, PASSWORD, '203.0.113.99'), 429, 'rate_limited')
      const perAddress = []
      for (let i = 0; i < 11; i++)
        perAddress.push((await signInAs(newEmail('spray'), 'x', '198.51.100.7')).status)
      expect(perAddress.slice(0, 10).every((s) => s === 401)).toBe(true)
      expect(perAddress[10]).toBe(429)
    },
  )
})

describe('your sessions', () => {
  it('lists the sessions of the signed-in person and revokes one', async () => {
    const p = await createProject()
    const { email, cookie } = await member(p.secretKey, 'viewer')
    const other = userCookieOf(await signInAs(email))
    const list = await withCookie('GET', '/v1/auth/sessions', cookie)
    expect(list.status, list.text).toBe(200)
    expect(list.json.data).toHaveLength(2)
    const current = list.json.data.filter((s: { current: boolean }) => s.current)
    expect(current).toHaveLength(1)
    const theOther = list.json.data.find((s: { current: boolean }) => !s.current)
    expect((await withCookie('DELETE', `/v1/auth/sessions/${theOther.id}`, cookie)).status).toBe(
      204,
    )
    expectProblem(await withCookie('GET', '/v1/surveys', other), 401)
    expect((await withCookie('GET', '/v1/surveys', cookie)).status).toBe(200)
  })

  it("cannot revoke another person's session", async () => {
    const p = await createProject()
    const a = await member(p.secretKey, 'member')
    const b = await member(p.secretKey, 'member')
    const bSessions = (await withCookie('GET', '/v1/auth/sessions', b.cookie)).json.data
    expectProblem(await withCookie('DELETE', `/v1/auth/sessions/${bSessions[0].id}`, a.cookie), 404)
    expect((await withCookie('GET', '/v1/surveys', b.cookie)).status).toBe(200)
  })

  it("purges people's expired sessions in the daily housekeeping", async () => {
    const p = await createProject()
    const { email, userId } = await member(p.secretKey, 'member')
    await signInAs(email)
    await env.DB.prepare(
      "UPDATE user_sessions SET expires_at = '2026-01-01T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM user_sessions WHERE user_id = ?)",
    )
      .bind(userId)
      .run()
    await runCron(DAILY_CRON, Date.now())
    const left = await env.DB.prepare('SELECT count(*) AS n FROM user_sessions WHERE user_id = ?')
      .bind(userId)
      .first<{ n: number }>()
    expect(left!.n).toBe(1)
  })

  it('signs out: the cookie no longer works', async () => {
    const p = await createProject()
    const { cookie } = await member(p.secretKey, 'member')
    expect((await withCookie('POST', '/v1/auth/sign-out', cookie)).status).toBe(204)
    expectProblem(await withCookie('GET', '/v1/auth/me', cookie), 401)
  })
})

describe('projects of one person', () => {
  it('switches between the projects a person belongs to, and never into another', async () => {
    const a = await createProject('Alpha')
    const b = await createProject('Beta')
    const stranger = await createProject('Gamma')
    const bSurvey = await createSurvey(b.secretKey, { name: 'Beta survey' })
    const { email, cookie } = await member(a.secretKey, 'admin')
    const inv = await invite(b.secretKey, { email, role: 'viewer' })
    expect((await accept(inv.inviteUrl)).status).toBe(201)
    const me = await withCookie('GET', '/v1/auth/me', cookie)
    expect(me.json.projects.map((x: { name: string }) => x.name)).toEqual(['Alpha', 'Beta'])
    const switched = await withCookie('PUT', '/v1/auth/project', cookie, {
      body: { projectId: b.id },
    })
    expect(switched.status, switched.text).toBe(200)
    const projectCookie = switched.headers.getSetCookie()[0].split(';')[0]
    const both = `${cookie}; ${projectCookie}`
    const list = await withCookie('GET', '/v1/surveys', both)
    expect(list.json.data.map((s: { id: string }) => s.id)).toEqual([bSurvey.id])
    // A viewer in Beta: reads only.
    expectProblem(
      await withCookie('POST', '/v1/surveys', both, { body: { name: 'x', kind: 'nps' } }),
      403,
      'insufficient_role',
    )
    expectProblem(
      await withCookie('PUT', '/v1/auth/project', cookie, { body: { projectId: stranger.id } }),
      404,
    )
    expectProblem(
      await withCookie('GET', '/v1/surveys', cookie, {
        headers: { 'kundepuls-project': stranger.id },
      }),
      404,
    )
  })
})

describe('password reset', () => {
  const mailbox = () => {
    const sent: MailMessage[] = []
    const EMAIL = {
      send: async (m: MailMessage) => {
        sent.push(m)
        return { messageId: `m-${sent.length}` }
      },
    } as unknown as SendEmail
    return { sent, env: { ...env, EMAIL } }
  }
  const linkIn = (m: MailMessage) => m.text.match(/https?:\/\/\S+#token=\S+/)![0]

  it('mails a single-use link that sets a new password and ends every session', async () => {
    const p = await createProject()
    const { email, cookie } = await member(p.secretKey, 'member')
    const box = mailbox()
    await requestPasswordReset(box.env, email, ORIGIN, new Date())
    expect(box.sent).toHaveLength(1)
    expect(box.sent[0].to).toBe(email)
    const token = tokenOf(linkIn(box.sent[0]))
    const body = { token, password: 'a brand new passphrase' }
    const first = await call('POST', '/v1/auth/password-reset/confirm', {
      body,
      headers: { origin: ORIGIN },
    })
    expect(first.status, first.text).toBe(204)
    expectProblem(
      await call('POST', '/v1/auth/password-reset/confirm', { body, headers: { origin: ORIGIN } }),
      410,
      'link_unusable',
    )
    expectProblem(await withCookie('GET', '/v1/auth/me', cookie), 401)
    expectProblem(await signInAs(email), 401)
    expect((await signInAs(email, 'a brand new passphrase')).status).toBe(201)
  })

  it('refuses a link past its hour', async () => {
    const p = await createProject()
    const { email } = await member(p.secretKey, 'member')
    const box = mailbox()
    await requestPasswordReset(box.env, email, ORIGIN, new Date(Date.now() - 61 * 60_000))
    const token = tokenOf(linkIn(box.sent[0]))
    await expect(
      confirmPasswordReset(env, token, 'another passphrase', new Date()),
    ).rejects.toThrow(/expired/)
    expect((await signInAs(email)).status).toBe(201)
  })

  it('answers 202 for an unknown address and mails nothing', async () => {
    const box = mailbox()
    expect(await requestPasswordReset(box.env, newEmail('ghost'), ORIGIN, new Date())).toEqual({
      sent: false,
    })
    expect(box.sent).toHaveLength(0)
    const res = await call('POST', '/v1/auth/password-reset', {
      body: { email: newEmail('ghost') },
      headers: { origin: ORIGIN },
    })
    expect(res.status).toBe(202)
  })
})
