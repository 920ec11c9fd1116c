// Seeding and page helpers of the dashboard's Chromium tests: a project with the demo generator's
// answers, a signed-in page, axe.
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { demoAnswers } from '../../scripts/demo/answers.mjs'
import { workerApi } from './harness'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
) {
  const res = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text }
}

/** A project, an NPS survey with ~300 demo answers (touchpoints, segments, at-risk customers). */
export async function seedShop(base: string) {
  const api = workerApi(base)
  const project = await api.createProject('Dashboard shop')
  const survey = await api.createSurvey(project.secretKey, { name: 'After delivery' })
  const rows = demoAnswers(survey.id, Date.now(), 300)
  const imported = await call(base, 'POST', '/v1/responses/import', project.secretKey, {
    responses: rows,
  })
  if (imported.status !== 200) throw new Error(imported.text)
  const read = await call(base, 'POST', '/v1/keys', project.secretKey, {
    name: 'Read only',
    scope: 'read',
  })
  return { project, survey, rows, readKey: read.json.key as string }
}

/**
 * A person with a password in the shop's project: invited with the secret key (as `npm start`
 * seeds its demo people), the invitation accepted with `password`.
 */
export async function seedPerson(
  base: string,
  secretKey: string,
  person: { email: string; password: string; role: 'owner' | 'admin' | 'member' | 'viewer' },
) {
  const inv = await call(base, 'POST', '/v1/members', secretKey, {
    email: person.email,
    role: person.role,
  })
  if (inv.status !== 201) throw new Error(inv.text)
  const token = new URL(inv.json.inviteUrl).hash.replace('#token=', '')
  const res = await fetch(`${base}/v1/auth/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ token, password: person.password }),
  })
  if (res.status !== 201) throw new Error(`invitation not accepted: ${res.status}`)
}

export async function signedIn(
  browser: Browser,
  base: string,
  key: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  const problems: string[] = []
  await page.goto(`${base}/app`)
  await page.getByLabel('API key').fill(key)
  // From here on, any error counts (before, the "who am I?" call answers 401 by design).
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  return { context, page, problems }
}

export interface AxeViolation {
  id: string
  impact: string
  nodes: { target: string[] }[]
}

/** Runs axe-core in the page; its context needs `bypassCSP: true` (axe is injected inline). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath })
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (c: Document, o: object) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>
      }
    }
    const r = await w.axe.run(document, { resultTypes: ['violations'] })
    // A run that checked nothing (axe not loaded, an empty page) must not pass as clean.
    if (r.passes.length < 10) return [{ id: 'axe-did-not-run', impact: 'critical', nodes: [] }]
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
}

/** The default window of the overview: the last 90 UTC days, today included. */
export function last90() {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10)
  return { from: day(Date.now() - 89 * 86_400_000), to: day(Date.now()) }
}
