// Helpers of the dashboard-auth tests: sign in like the dashboard does, call with the cookie.
import { expect } from 'vitest'
import { call, type CallOptions } from './helpers'

export const ORIGIN = 'http://kundepuls.test'

export async function signIn(key: string) {
  const res = await call('POST', '/v1/sessions', { body: { key }, headers: { origin: ORIGIN } })
  expect(res.status, res.text).toBe(201)
  const cookie = res.headers.get('set-cookie')!
  const id = cookie.match(/kp_session=([^;]+)/)![1]
  return { cookie: `kp_session=${id}`, setCookie: cookie, body: res.json }
}

/** A call made by the dashboard: the session cookie and (unless overridden) our own Origin. */
export const withCookie = (
  method: string,
  path: string,
  cookie: string,
  opts: CallOptions & { origin?: string | null } = {},
) => {
  const { origin = ORIGIN, ...rest } = opts
  return call(method, path, {
    ...rest,
    headers: { cookie, ...(origin ? { origin } : {}), ...rest.headers },
  })
}

export async function createKey(token: string, scope: 'read' | 'full', name = `${scope} key`) {
  const res = await call('POST', '/v1/keys', { token, body: { name, scope } })
  expect(res.status, res.text).toBe(201)
  return res.json as { id: string; key: string; scope: string; prefix: string }
}
