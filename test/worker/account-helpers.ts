// Helpers of the accounts tests: invite a person through the API, accept, and call as them.
import { expect } from 'vitest'
import type { Role } from '../../schema/roles'
import { call, type CallOptions } from './helpers'
import { ORIGIN } from './session-helpers'

export const PASSWORD = 'a long enough passphrase'

let n = 0
export const newEmail = (label = 'person') => `${label}-${++n}-${Date.now()}@example.com`

/** The token of an invitation link (it rides in the fragment). */
export const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '')

/** The kp_user cookie a response sets, as a Cookie header value. */
export function userCookieOf(res: { headers: Headers }) {
  const set = res.headers.getSetCookie().find((h) => h.startsWith('kp_user='))
  expect(set, 'a kp_user cookie').toBeDefined()
  return set!.split(';')[0]
}

export async function invite(
  token: string,
  body: { email: string; role: Role; limits?: unknown },
  opts: CallOptions = {},
) {
  const res = await call('POST', '/v1/members', { token, body, ...opts })
  expect(res.status, res.text).toBe(201)
  return res.json as { id: string; inviteUrl: string; mailed: boolean }
}

export async function accept(inviteUrl: string, password = PASSWORD) {
  return call('POST', '/v1/auth/invites/accept', {
    body: { token: tokenOf(inviteUrl), password },
    headers: { origin: ORIGIN },
  })
}

/** A person with a role in the project of `secretKey`, signed in: their cookie and ids. */
export async function member(secretKey: string, role: Role, limits?: unknown) {
  const email = newEmail(role)
  const inv = await invite(secretKey, { email, role, ...(limits ? { limits } : {}) })
  const res = await accept(inv.inviteUrl)
  expect(res.status, res.text).toBe(201)
  return { email, cookie: userCookieOf(res), userId: res.json.user.id as string, me: res.json }
}

export async function signInAs(email: string, password = PASSWORD, ip?: string) {
  return call('POST', '/v1/auth/sign-in', {
    body: { email, password },
    headers: { origin: ORIGIN, ...(ip ? { 'cf-connecting-ip': ip } : {}) },
  })
}
