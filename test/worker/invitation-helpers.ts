// Helpers for tests of survey links: create one through the API, open and answer its page.
import { SELF } from 'cloudflare:test'
import { expect } from 'vitest'
import { call, testAddress } from './helpers'

export async function invite(secretKey: string, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/invitations', {
    token: secretKey,
    body: { ref: 'T-1001', ...body },
  })
  expect(res.status, res.text).toBe(201)
  const json = res.json as { url: string; expiresAt: string; emailHtml: string; emailText: string }
  return { ...json, path: new URL(json.url).pathname }
}

export async function fetchPage(
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
) {
  const headers = { 'cf-connecting-ip': testAddress(), ...init.headers }
  const res = await SELF.fetch(`http://kundepuls.test${path}`, {
    redirect: 'manual',
    ...init,
    headers,
  })
  return { status: res.status, headers: res.headers, html: await res.text() }
}

export const openPage = (path: string, headers: Record<string, string> = {}) =>
  fetchPage(path, { headers })

export const sendForm = (
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) => fetchPage(path, { method: 'POST', body: new URLSearchParams(fields), headers })

export async function listResponses(secretKey: string, surveyId: string) {
  const res = await call('GET', `/v1/responses?surveyId=${surveyId}`, { token: secretKey })
  expect(res.status, res.text).toBe(200)
  return res.json.data as Record<string, any>[]
}

/** The values of the radio inputs named score, and which one is checked. */
export function scoreInputs(html: string) {
  const inputs = [...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0])
  return {
    values: inputs
      .filter((i) => /name="score"/.test(i))
      .map((i) => Number(/value="(\d+)"/.exec(i)![1])),
    checked: inputs
      .filter((i) => /\schecked(\s|=|>|\/)/.test(i))
      .map((i) => Number(/value="(\d+)"/.exec(i)![1])),
  }
}
