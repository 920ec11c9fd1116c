import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { PASSKEY_CHALLENGE_TTL_MS } from '../../../schema/passkeys'
import { sha256Hex } from '../../../worker/lib/crypto'
import { member, userCookieOf } from '../account-helpers'
import { call, createProject, expectProblem } from '../helpers'
import { addPasskey, passkeySignIn, signInOptions, softAuthenticator } from '../passkey-helpers'
import { ORIGIN, withCookie } from '../session-helpers'
import { DAILY_CRON, runCron } from '../cron-helpers'
import { countedCall } from '../d1-counter'

const EVIL = 'http://evil.test'

async function person() {
  const p = await createProject('Passkeys')
  return member(p.secretKey, 'admin')
}

describe('adding a passkey', () => {
  it('adds, lists and removes a passkey of the signed-in person', async () => {
    const { cookie } = await person()
    const { passkey } = await addPasskey(cookie, 'Laptop')
    expect(passkey.name).toBe('Laptop')
    const list = await withCookie('GET', '/v1/auth/passkeys', cookie)
    expect(list.status, list.text).toBe(200)
    expect(list.json.data).toMatchObject([{ id: passkey.id, name: 'Laptop', lastUsedAt: null }])
    expect(list.json.data[0].transports).toEqual(['internal'])
    const removed = await withCookie('DELETE', `/v1/auth/passkeys/${passkey.id}`, cookie)
    expect(removed.status, removed.text).toBe(204)
    expect((await withCookie('GET', '/v1/auth/passkeys', cookie)).json.data).toEqual([])
    expectProblem(await withCookie('DELETE', `/v1/auth/passkeys/${passkey.id}`, cookie), 404)
  })

  it('asks for a discoverable, user-verified passkey for this origin', async () => {
    const { cookie, email } = await person()
    const res = await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)
    expect(res.status, res.text).toBe(200)
    expect(res.json.rp).toEqual({ id: 'kundepuls.test', name: 'Kundepuls' })
    expect(res.json.user.name).toBe(email)
    expect(res.json.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses without a session, and a cookie call from another site', async () => {
    expectProblem(await call('POST', '/v1/auth/passkeys/register/options'), 401, 'unauthorized')
    expectProblem(await call('GET', '/v1/auth/passkeys'), 401, 'unauthorized')
    const { cookie } = await person()
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register/options', cookie, { origin: EVIL }),
      403,
      'origin_mismatch',
    )
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register', cookie, { origin: null, body: {} }),
      403,
      'origin_mismatch',
    )
  })

  it('refuses a bad body and stores nothing', async () => {
    const { cookie, userId } = await person()
    const bad = await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
      body: { credential: { id: 'not base64url!', response: {} } },
    })
    expectProblem(bad, 400, 'validation_failed')
    const garbage = await softAuthenticator()
    const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
    const credential = await garbage.create(options)
    credential.response.clientDataJSON = 'bm90IGpzb24' // "not json"
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register', cookie, { body: { credential } }),
      400,
      'passkey_rejected',
    )
    const n = await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE user_id = ?')
      .bind(userId)
      .first<{ n: number }>()
    expect(n?.n).toBe(0)
  })

  it('refuses a passkey made for another origin or RP ID', async () => {
    const { cookie } = await person()
    for (const knobs of [{ origin: EVIL }, { rpID: 'evil.test' }]) {
      const key = await softAuthenticator()
      const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
      const res = await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
        body: { credential: await key.create(options, knobs) },
      })
      expectProblem(res, 400, 'passkey_rejected')
    }
    expect((await withCookie('GET', '/v1/auth/passkeys', cookie)).json.data).toEqual([])
  })

  it('refuses a passkey registered already, for this person or another, and stores it once', async () => {
    const { cookie } = await person()
    const { key } = await addPasskey(cookie, 'Laptop')
    const other = await person()
    for (const who of [cookie, other.cookie]) {
      const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', who)).json
      const again = await withCookie('POST', '/v1/auth/passkeys/register', who, {
        body: { credential: await key.create(options) },
      })
      expectProblem(again, 400, 'passkey_rejected')
      expect(again.json.detail).toContain('already registered')
    }
    expect((await withCookie('GET', '/v1/auth/passkeys', cookie)).json.data).toHaveLength(1)
    expect((await withCookie('GET', '/v1/auth/passkeys', other.cookie)).json.data).toEqual([])
  })

  it('refuses an authenticator that did not verify the person', async () => {
    const { cookie } = await person()
    const key = await softAuthenticator()
    const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
    const res = await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
      body: { credential: await key.create(options, { flags: 0x41 }) }, // UP | AT, no UV
    })
    expectProblem(res, 400, 'passkey_rejected')
  })

  it("refuses a challenge used twice or made for someone else's session", async () => {
    const { cookie } = await person()
    const key = await softAuthenticator()
    const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
    const credential = await key.create(options)
    const first = await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
      body: { credential },
    })
    expect(first.status, first.text).toBe(201)
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register', cookie, { body: { credential } }),
      410,
      'challenge_unusable',
    )
    const other = await person()
    const theirs = (await withCookie('POST', '/v1/auth/passkeys/register/options', other.cookie))
      .json
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
        body: { credential: await (await softAuthenticator()).create(theirs) },
      }),
      410,
      'challenge_unusable',
    )
  })

  it('refuses a registration challenge past its lifetime', async () => {
    const { cookie, userId } = await person()
    const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
    await env.DB.prepare('UPDATE passkey_challenges SET expires_at = ? WHERE user_id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), userId)
      .run()
    const credential = await (await softAuthenticator()).create(options)
    expectProblem(
      await withCookie('POST', '/v1/auth/passkeys/register', cookie, { body: { credential } }),
      410,
      'challenge_unusable',
    )
    expect((await withCookie('GET', '/v1/auth/passkeys', cookie)).json.data).toEqual([])
  })

  it("refuses someone else's passkey id on removal", async () => {
    const a = await person()
    const b = await person()
    const { passkey } = await addPasskey(a.cookie)
    expectProblem(await withCookie('DELETE', `/v1/auth/passkeys/${passkey.id}`, b.cookie), 404)
    expect((await withCookie('GET', '/v1/auth/passkeys', a.cookie)).json.data).toHaveLength(1)
  })
})

describe('signing in with a passkey', () => {
  it('starts the same kind of session as a password sign-in', async () => {
    const { cookie, email } = await person()
    const { key, passkey } = await addPasskey(cookie)
    const options = await signInOptions()
    expect(options.rpId).toBe('kundepuls.test')
    expect(options).not.toHaveProperty('allowCredentials')
    const res = await passkeySignIn(await key.get(options))
    expect(res.status, res.text).toBe(201)
    expect(res.json.user.email).toBe(email)
    const set = res.headers.getSetCookie().find((h) => h.startsWith('kp_user='))!
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Lax/i)
    const fresh = userCookieOf(res)
    const me = await withCookie('GET', '/v1/auth/me', fresh)
    expect(me.status, me.text).toBe(200)
    const sessions = await withCookie('GET', '/v1/auth/sessions', fresh)
    expect(sessions.json.data).toHaveLength(2)
    const listed = (await withCookie('GET', '/v1/auth/passkeys', fresh)).json.data
    expect(listed[0].id).toBe(passkey.id)
    expect(listed[0].lastUsedAt).not.toBeNull()
  })

  it('refuses an unknown passkey like a bad signature, and sets no cookie', async () => {
    const stranger = await softAuthenticator()
    const unknown = await passkeySignIn(await stranger.get(await signInOptions()))
    expectProblem(unknown, 401, 'unauthorized')
    expect(unknown.headers.getSetCookie()).toEqual([])
    const { cookie } = await person()
    const { key } = await addPasskey(cookie)
    const tampered = await key.get(await signInOptions())
    tampered.response.signature = (await key.get(await signInOptions())).response.signature
    const bad = await passkeySignIn(tampered)
    expectProblem(bad, 401, 'unauthorized')
    expect(bad.json.detail).toBe(unknown.json.detail)
  })

  it('refuses an assertion made on another origin or for another RP ID', async () => {
    const { cookie } = await person()
    const { key } = await addPasskey(cookie)
    expectProblem(
      await passkeySignIn(await key.get(await signInOptions(), { origin: EVIL })),
      401,
      'unauthorized',
    )
    expectProblem(
      await passkeySignIn(await key.get(await signInOptions(), { rpID: 'evil.test' })),
      401,
      'unauthorized',
    )
    // The request itself from another site (login CSRF).
    expectProblem(await passkeySignIn(await key.get(await signInOptions()), EVIL), 403)
  })

  it('refuses a challenge used twice, or past its lifetime', async () => {
    const { cookie } = await person()
    const { key } = await addPasskey(cookie)
    const options = await signInOptions()
    key.setCounter(0)
    const answer = await key.get(options)
    expect((await passkeySignIn(answer)).status).toBe(201)
    expectProblem(await passkeySignIn(answer), 410, 'challenge_unusable')
    const late = await signInOptions()
    // Moved into the past as if PASSKEY_CHALLENGE_TTL_MS had gone by.
    await env.DB.prepare('UPDATE passkey_challenges SET expires_at = ?')
      .bind(new Date(Date.now() - 1000).toISOString())
      .run()
    expectProblem(await passkeySignIn(await key.get(late)), 410, 'challenge_unusable')
    expect(PASSKEY_CHALLENGE_TTL_MS).toBeLessThanOrEqual(10 * 60 * 1000)
  })

  it('refuses a registration challenge for signing in', async () => {
    const { cookie } = await person()
    const { key } = await addPasskey(cookie)
    const options = (await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)).json
    const answer = await key.get({ challenge: options.challenge, rpId: 'kundepuls.test' })
    expectProblem(await passkeySignIn(answer), 410, 'challenge_unusable')
  })

  it('refuses a signature counter that went backwards and keeps the stored one', async () => {
    const { cookie } = await person()
    const { key, passkey } = await addPasskey(cookie)
    key.setCounter(5)
    expect((await passkeySignIn(await key.get(await signInOptions()))).status).toBe(201)
    key.setCounter(3) // a cloned authenticator
    expectProblem(await passkeySignIn(await key.get(await signInOptions())), 401, 'unauthorized')
    const row = await env.DB.prepare('SELECT counter FROM passkeys WHERE id = ?')
      .bind(passkey.id)
      .first<{ counter: number }>()
    expect(row?.counter).toBe(5)
  })

  it('no longer signs in with a removed passkey', async () => {
    const { cookie } = await person()
    const { key, passkey } = await addPasskey(cookie)
    await withCookie('DELETE', `/v1/auth/passkeys/${passkey.id}`, cookie)
    expectProblem(await passkeySignIn(await key.get(await signInOptions())), 401, 'unauthorized')
  })

  it('refuses a bad body before anything else', async () => {
    const res = await call('POST', '/v1/auth/passkeys/sign-in', {
      body: { credential: { id: 'x' } },
      headers: { origin: ORIGIN },
    })
    expectProblem(res, 400, 'validation_failed')
  })

  it('is throttled per address, and per passkey, before any D1 read', async () => {
    const ip = '198.18.7.7'
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await countedCall('POST', '/v1/auth/passkeys/sign-in/options', {
        headers: { origin: ORIGIN, 'cf-connecting-ip': ip },
      })
      statuses.push(res.status)
      if (res.status === 429) expect(res.usage.queries).toBe(0)
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(statuses[10]).toBe(429)
    // One passkey tried from many addresses: its own counter stops it, still before D1.
    const key = await softAuthenticator()
    const answer = await key.get({ challenge: 'AAAA', rpId: 'kundepuls.test' })
    let last = await countedCall('POST', '/v1/auth/passkeys/sign-in', {
      body: { credential: answer },
      headers: { origin: ORIGIN },
    })
    for (let i = 0; i < 10; i++)
      last = await countedCall('POST', '/v1/auth/passkeys/sign-in', {
        body: { credential: answer },
        headers: { origin: ORIGIN },
      })
    expectProblem(last, 429, 'rate_limited')
    expect(last.usage.queries).toBe(0)
  })

  it('purges challenges past their lifetime in the daily housekeeping, and keeps live ones', async () => {
    const old = await signInOptions()
    await env.DB.prepare('UPDATE passkey_challenges SET expires_at = ?')
      .bind(new Date(Date.now() - 1000).toISOString())
      .run()
    const live = await signInOptions()
    await runCron(DAILY_CRON, Date.now())
    const hashes = (
      await env.DB.prepare('SELECT hash FROM passkey_challenges').all<{ hash: string }>()
    ).results.map((r) => r.hash)
    expect(hashes).toHaveLength(1)
    expect(hashes).toEqual([await sha256Hex(live.challenge)])
    expect(hashes).not.toContain(await sha256Hex(old.challenge))
  })
})
