import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../worker/lib/crypto'
import { call, createProject, createSurvey, expectProblem } from '../helpers'
import { createKey, ORIGIN, signIn, withCookie } from '../session-helpers'

describe('dashboard sessions', () => {
  it('exchanges a secret key for an HttpOnly SameSite=Strict cookie; D1 keeps only its hash', async () => {
    const { secretKey, id } = await createProject('Sessions')
    const { setCookie, body, cookie } = await signIn(secretKey)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\//)
    // Served over http here, so not Secure (a Secure cookie would never come back).
    expect(setCookie).not.toMatch(/Secure/i)
    expect(body).toMatchObject({ scope: 'full', project: { id, name: 'Sessions' } })
    const sessionId = cookie.split('=')[1]
    expect(sessionId.length).toBeGreaterThanOrEqual(32)
    const rows = await env.DB.prepare('SELECT hash FROM sessions WHERE project_id = ?')
      .bind(id)
      .all<{ hash: string }>()
    expect(rows.results.map((r) => r.hash)).toEqual([await sha256Hex(sessionId)])
    expect(JSON.stringify(rows.results)).not.toContain(sessionId)
  })

  it('marks the cookie Secure when served over https', async () => {
    const { secretKey } = await createProject()
    const { SELF } = await import('cloudflare:test')
    const res = await SELF.fetch('https://kundepuls.test/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://kundepuls.test' },
      body: JSON.stringify({ key: secretKey }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i)
  })

  it('lets the session cookie read and write the manager API like the key', async () => {
    const { secretKey } = await createProject()
    const survey = await createSurvey(secretKey)
    const { cookie } = await signIn(secretKey)
    const read = await withCookie('GET', `/v1/surveys/${survey.id}`, cookie)
    expect(read.status).toBe(200)
    const write = await withCookie('PATCH', `/v1/surveys/${survey.id}`, cookie, {
      body: { name: 'Renamed' },
    })
    expect(write.status, write.text).toBe(200)
    expect(write.json.name).toBe('Renamed')
    const me = await withCookie('GET', '/v1/sessions/current', cookie)
    expect(me.json.scope).toBe('full')
    expect(Date.parse(me.json.expiresAt)).toBeGreaterThan(Date.now() + 11.9 * 3600e3)
  })

  it('refuses a change made with the cookie from another Origin, or with none, and changes nothing', async () => {
    const { secretKey } = await createProject()
    const survey = await createSurvey(secretKey)
    const { cookie } = await signIn(secretKey)
    for (const origin of ['https://evil.example', 'null', null]) {
      const res = await withCookie('PATCH', `/v1/surveys/${survey.id}`, cookie, {
        origin,
        body: { name: 'Hijacked' },
      })
      expectProblem(res, 403, 'origin_mismatch')
    }
    const erase = await withCookie('DELETE', `/v1/surveys/${survey.id}`, cookie, {
      origin: 'https://evil.example',
    })
    expectProblem(erase, 403, 'origin_mismatch')
    const read = await call('GET', `/v1/surveys/${survey.id}`, { token: secretKey })
    expect(read.json.name).toBe('After purchase')
  })

  it('refuses a sign-in posted from another site (login CSRF) and a publishable or unknown key', async () => {
    const { secretKey, publishableKey, id } = await createProject()
    const cross = await call('POST', '/v1/sessions', {
      body: { key: secretKey },
      headers: { origin: 'https://evil.example' },
    })
    expectProblem(cross, 403, 'origin_mismatch')
    expect(cross.headers.get('set-cookie')).toBeNull()
    const pk = await call('POST', '/v1/sessions', { body: { key: publishableKey } })
    expectProblem(pk, 403, 'publishable_key')
    const unknown = await call('POST', '/v1/sessions', { body: { key: 'sk_nope' } })
    expectProblem(unknown, 401, 'unauthorized')
    const { results } = await env.DB.prepare(
      'SELECT count(*) AS n FROM sessions WHERE project_id = ?',
    )
      .bind(id)
      .all<{ n: number }>()
    expect(results[0].n).toBe(0)
  })

  it('ends the session on the server at sign-out: the same cookie no longer works', async () => {
    const { secretKey } = await createProject()
    const { cookie } = await signIn(secretKey)
    const out = await withCookie('DELETE', '/v1/sessions/current', cookie)
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/kp_session=;.*Max-Age=0/i)
    expectProblem(await withCookie('GET', '/v1/surveys', cookie), 401, 'unauthorized')
  })

  it('expires 12 hours after the last use, and slides forward when used', async () => {
    const { secretKey } = await createProject()
    const { cookie } = await signIn(secretKey)
    const hash = await sha256Hex(cookie.split('=')[1])
    // Last used 11 h 59 min ago: still valid, and its expiry moves to now + 12 h.
    const soon = new Date(Date.now() + 60_000).toISOString()
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE hash = ?').bind(soon, hash).run()
    expect((await withCookie('GET', '/v1/surveys', cookie)).status).toBe(200)
    const row = await env.DB.prepare('SELECT expires_at FROM sessions WHERE hash = ?')
      .bind(hash)
      .first<{ expires_at: string }>()
    expect(Date.parse(row!.expires_at)).toBeGreaterThan(Date.now() + 11.9 * 3600e3)
    // Idle past its expiry: refused.
    const past = new Date(Date.now() - 1000).toISOString()
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE hash = ?').bind(past, hash).run()
    expectProblem(await withCookie('GET', '/v1/surveys', cookie), 401, 'unauthorized')
  })

  it('answers 401 to an unknown or expired cookie before any Origin check, on writes too', async () => {
    const { secretKey } = await createProject()
    const { cookie } = await signIn(secretKey)
    const hash = await sha256Hex(cookie.split('=')[1])
    const past = new Date(Date.now() - 1000).toISOString()
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE hash = ?').bind(past, hash).run()
    for (const c of [cookie, 'kp_session=not-a-session']) {
      for (const origin of ['https://evil.example', null, ORIGIN]) {
        const res = await withCookie('POST', '/v1/surveys', c, {
          origin,
          body: { name: 'x', kind: 'nps' },
        })
        expectProblem(res, 401, 'unauthorized')
      }
    }
  })

  it('never reaches another project: a session sees only its own tenant', async () => {
    const a = await createProject('A')
    const b = await createProject('B')
    const theirs = await createSurvey(b.secretKey)
    const { cookie } = await signIn(a.secretKey)
    expectProblem(await withCookie('GET', `/v1/surveys/${theirs.id}`, cookie), 404)
    const patch = await withCookie('PATCH', `/v1/surveys/${theirs.id}`, cookie, {
      body: { name: 'x' },
    })
    expectProblem(patch, 404)
    expect((await withCookie('GET', '/v1/surveys', cookie)).json.data).toEqual([])
  })

  it('prefers an explicit Bearer key over the cookie, so a script never rides on browser state', async () => {
    const a = await createProject('A')
    const read = await createKey(a.secretKey, 'read')
    const { cookie } = await signIn(a.secretKey)
    const res = await call('POST', '/v1/surveys', {
      token: read.key,
      headers: { cookie, origin: ORIGIN },
      body: { name: 'x', kind: 'nps' },
    })
    expectProblem(res, 403, 'insufficient_scope')
  })

  it('limits sign-in attempts per address before any key lookup', async () => {
    const { secretKey } = await createProject()
    const from = { 'cf-connecting-ip': '203.0.113.7' }
    // The limiter counts in fixed 60 s windows: a run that straddles a window edge needs more
    // than 60 guesses to be stopped, never more than 120.
    let guesses = 0
    let status = 401
    while (status === 401 && guesses < 125) {
      const res = await call('POST', '/v1/sessions', {
        body: { key: `sk_guess${guesses++}` },
        headers: from,
      })
      status = res.status
    }
    expect(status).toBe(429)
    expect(guesses).toBeGreaterThan(60)
    const res = await call('POST', '/v1/sessions', { body: { key: secretKey }, headers: from })
    expectProblem(res, 429, 'rate_limited')
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})
