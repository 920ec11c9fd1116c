// Test helpers: call the worker as a client would, and seed tenants through the real API.
import { env, SELF } from 'cloudflare:test'
import { expect } from 'vitest'
import { contextFor } from '../../worker/context'
import type { Env } from '../../worker/env'

export const ADMIN = 'test-admin-token'

export interface CallOptions {
  token?: string
  body?: unknown
  raw?: BodyInit
  headers?: Record<string, string>
}

/**
 * A client address of its own for each request (198.18.0.0/15 is for tests, RFC 2544): public
 * routes are rate limited per address, so tests that pin the limiter send a fixed address.
 */
export const testAddress = () =>
  `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`

export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { 'cf-connecting-ip': testAddress(), ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: BodyInit | undefined = opts.raw
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await SELF.fetch(`http://kundepuls.test${path}`, { method, headers, body })
  const text = await res.text()
  let json: any = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, json, text }
}

/** Asserts an RFC 9457 problem with this status (and optionally code and a failing field). */
export function expectProblem(
  res: Awaited<ReturnType<typeof call>>,
  status: number,
  code?: string,
  field?: string,
) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.json.status).toBe(status)
  expect(res.json.type).toMatch(/^https:\/\//)
  if (code) expect(res.json.code).toBe(code)
  if (field) expect(res.json.errors?.map((e: { path: string }) => e.path)).toContain(field)
}

export async function createProject(name = 'Acme', extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/projects', { token: ADMIN, body: { name, ...extra } })
  expect(res.status, res.text).toBe(201)
  return res.json as {
    id: string
    publishableKey: string
    secretKey: string
    identitySecret: string
  }
}

export async function createSurvey(secretKey: string, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/surveys', {
    token: secretKey,
    body: { name: 'After purchase', kind: 'nps', ...body },
  })
  expect(res.status, res.text).toBe(201)
  return res.json as { id: string; kind: string }
}

export async function setup(surveyBody: Record<string, unknown> = {}) {
  const project = await createProject()
  const survey = await createSurvey(project.secretKey, surveyBody)
  return { project, survey }
}

export const uuid = () => crypto.randomUUID()

export const answer = (surveyId: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/public/responses', { body: { id: uuid(), surveyId, score: 9, ...extra } })

/**
 * The local rate limiter counts in fixed 60 s windows (miniflare's emulation): a test that floods
 * an address starts early in a window, so that the window does not roll over mid-flood.
 */
export async function freshLimiterWindow(needMs = 10_000) {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100))
}

/** A service's context for a project, as a cron or the queue consumer builds it (worker/context.ts). */
export const contextOf = (projectId: string, now = new Date(), bindings: Env = env) =>
  contextFor(bindings, projectId, { kind: 'system', task: 'test' }, now)
