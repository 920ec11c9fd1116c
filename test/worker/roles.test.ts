// The role matrix: every operation of /openapi.json, called by an owner, admin, member and viewer
// (and a read and a full key), against what MATRIX declares. A new operation fails the first test
// until it is declared here. Calls use ids that do not exist, so an allowed call answers 404 or
// 400 and changes nothing; a refused one answers 403 before any input is read.
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../schema/roles'
import { answer, call, createProject, createSurvey, expectProblem } from './helpers'
import { invite, member } from './account-helpers'
import { createKey, ORIGIN, withCookie } from './session-helpers'

/** Who may call: a key-only or public route, a person's own route, or the role needed. */
type Need = 'public' | 'admin-token' | 'person' | 'read' | 'full' | 'admin'

const MATRIX: Record<string, Need> = {
  'GET /health': 'public',
  'POST /v1/projects': 'admin-token',
  'GET /v1/public/surveys/{id}': 'public',
  'POST /v1/public/surveys/{id}/eligibility': 'public',
  'POST /v1/public/responses': 'public',
  'PATCH /v1/public/responses/{id}': 'public',
  'POST /v1/public/impressions': 'public',
  'POST /v1/inbound/{connectionId}': 'public',
  'GET /s/{token}': 'public',
  'POST /s/{token}': 'public',
  'POST /v1/sessions': 'public',
  'POST /v1/auth/sign-in': 'public',
  'POST /v1/auth/password-reset': 'public',
  'POST /v1/auth/password-reset/confirm': 'public',
  'POST /v1/auth/invites/lookup': 'public',
  'POST /v1/auth/invites/accept': 'public',
  'GET /v1/auth/oidc/{projectId}': 'public',
  'GET /v1/auth/oidc/{projectId}/start': 'public',
  'GET /v1/auth/oidc/callback': 'public',
  'POST /v1/auth/sign-out': 'person',
  'GET /v1/auth/me': 'person',
  'PUT /v1/auth/project': 'person',
  'GET /v1/auth/sessions': 'person',
  'DELETE /v1/auth/sessions/{id}': 'person',
  'POST /v1/auth/passkeys/sign-in/options': 'public',
  'POST /v1/auth/passkeys/sign-in': 'public',
  'POST /v1/auth/passkeys/register/options': 'person',
  'POST /v1/auth/passkeys/register': 'person',
  'GET /v1/auth/passkeys': 'person',
  'DELETE /v1/auth/passkeys/{id}': 'person',
  'GET /v1/sessions/current': 'read',
  'DELETE /v1/sessions/current': 'read',
  'GET /v1/project': 'read',
  'PATCH /v1/project': 'admin',
  'GET /v1/project/oidc': 'admin',
  'PUT /v1/project/oidc': 'admin',
  'DELETE /v1/project/oidc': 'admin',
  'GET /v1/keys': 'read',
  'POST /v1/keys': 'admin',
  'DELETE /v1/keys/{id}': 'admin',
  'GET /v1/members': 'read',
  'POST /v1/members': 'admin',
  'PATCH /v1/members/{id}': 'admin',
  'DELETE /v1/members/{id}': 'admin',
  'DELETE /v1/members/invites/{id}': 'admin',
  'GET /v1/surveys': 'read',
  'POST /v1/surveys': 'full',
  'GET /v1/surveys/{id}': 'read',
  'PATCH /v1/surveys/{id}': 'full',
  'DELETE /v1/surveys/{id}': 'full',
  'GET /v1/responses': 'read',
  'GET /v1/responses/{id}': 'read',
  'PATCH /v1/responses/{id}': 'full',
  'POST /v1/responses/import': 'full',
  'POST /v1/invitations': 'full',
  'GET /v1/metrics': 'read',
  'GET /v1/themes': 'read',
  'GET /v1/journeys': 'read',
  'GET /v1/customers/at-risk': 'read',
  'GET /v1/customers/{customerId}': 'read',
  'DELETE /v1/customers/{customerId}': 'full',
  'DELETE /v1/customers': 'full',
  'GET /v1/webhooks': 'read',
  'POST /v1/webhooks': 'admin',
  'GET /v1/webhooks/{id}': 'read',
  'PATCH /v1/webhooks/{id}': 'admin',
  'DELETE /v1/webhooks/{id}': 'admin',
  'POST /v1/webhooks/{id}/rotate-secret': 'admin',
  'POST /v1/webhooks/{id}/test': 'admin',
  'GET /v1/webhooks/{id}/deliveries': 'read',
  'GET /v1/connections': 'read',
  'POST /v1/connections': 'admin',
  'GET /v1/connections/{id}': 'read',
  'PATCH /v1/connections/{id}': 'admin',
  'DELETE /v1/connections/{id}': 'admin',
  'GET /v1/connections/{id}/events': 'read',
  'GET /widget.js': 'public',
  'GET /u/{token}': 'public',
  'POST /u/{token}': 'public',
  'GET /v1/responses/{id}/follow-up': 'read',
  'PATCH /v1/responses/{id}/follow-up': 'full',
  'GET /v1/follow-ups': 'read',
  'GET /v1/follow-ups/stats': 'read',
  'GET /v1/follow-ups/settings': 'read',
  'PUT /v1/follow-ups/settings': 'full',
  'PUT /v1/follow-ups/digest': 'full',
  'GET /v1/audit': 'admin',
  'GET /v1/email/sends': 'read',
  'GET /v1/email/sends/{id}': 'read',
  'GET /v1/email/preview': 'read',
  'GET /v1/suppressions': 'read',
  'POST /v1/suppressions': 'full',
  'POST /v1/email/rules': 'full',
  'GET /v1/email/rules': 'read',
  'GET /v1/email/rules/{id}': 'read',
  'PATCH /v1/email/rules/{id}': 'full',
  'DELETE /v1/email/rules/{id}': 'full',
  'POST /v1/events': 'full',
  'POST /v1/people': 'full',
  'POST /v1/people/import': 'full',
  'POST /v1/email/programs': 'full',
  'GET /v1/email/programs': 'read',
  'GET /v1/email/programs/{id}': 'read',
  'PATCH /v1/email/programs/{id}': 'full',
  'GET /v1/email/stats': 'read',
  'GET /v1/email/schedule': 'read',
}

const ROLE_LEVEL: Record<Role, Need[]> = {
  owner: ['read', 'full', 'admin'],
  admin: ['read', 'full', 'admin'],
  member: ['read', 'full'],
  viewer: ['read'],
}

/** A path with ids that exist nowhere: an allowed call finds nothing and changes nothing. */
const concrete = (path: string) =>
  path.replace('{customerId}', 'nobody-at-all').replace(/\{[A-Za-z]+\}/g, 'zz_none')

let doc: { paths: Record<string, Record<string, unknown>> }
let secretKey: string
let readKey: string
const cookies = {} as Record<Role, string>

beforeAll(async () => {
  doc = (await call('GET', '/openapi.json')).json
  const p = await createProject('Roles')
  secretKey = p.secretKey
  readKey = (await createKey(secretKey, 'read')).key
  for (const role of ['owner', 'admin', 'member', 'viewer'] as const)
    cookies[role] = (await member(secretKey, role)).cookie
}, 60_000)

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  )

describe('the role matrix', { timeout: 120_000 }, () => {
  it('declares every operation of the OpenAPI document, and nothing else', () => {
    expect(operations().filter((op) => !(op in MATRIX))).toEqual([])
    expect(Object.keys(MATRIX).filter((op) => !operations().includes(op))).toEqual([])
  })

  it('allows each role exactly what the matrix says, on every manager operation', async () => {
    let checked = 0
    for (const [op, need] of Object.entries(MATRIX)) {
      if (!['read', 'full', 'admin'].includes(need)) continue
      const [method, path] = op.split(' ')
      const opts = method === 'GET' ? {} : { body: {} }
      for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
        const res = await withCookie(method, concrete(path), cookies[role], opts)
        const label = `${role} ${op}: ${res.status} ${res.text.slice(0, 200)}`
        if (ROLE_LEVEL[role].includes(need)) {
          expect([401, 403], label).not.toContain(res.status)
        } else {
          expect(res.status, label).toBe(403)
          expect(res.json.code, label).toBe('insufficient_role')
        }
        checked++
      }
      for (const [key, levels] of [
        [readKey, ['read']],
        [secretKey, ['read', 'full', 'admin']],
      ] as const) {
        const res = await call(method, concrete(path), { token: key, ...opts })
        const label = `${key.slice(0, 3)} ${op}: ${res.status} ${res.text.slice(0, 200)}`
        if ((levels as readonly string[]).includes(need))
          expect([401, 403], label).not.toContain(res.status)
        else expect(res.json.code, label).toBe('insufficient_scope')
        checked++
      }
    }
    console.log(`role matrix: ${checked} calls (operations × 4 roles + 2 keys)`)
    expect(checked).toBeGreaterThan(40 * 6)
  })

  it("lets every role use its own routes and refuses a person's routes without a session", async () => {
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      expect((await withCookie('GET', '/v1/auth/me', cookies[role])).status).toBe(200)
      expect((await withCookie('GET', '/v1/auth/sessions', cookies[role])).status).toBe(200)
    }
    for (const op of Object.keys(MATRIX).filter((o) => MATRIX[o] === 'person')) {
      const [method, path] = op.split(' ')
      expectProblem(await call(method, concrete(path), { headers: { origin: ORIGIN } }), 401)
    }
  })

  it('refuses the admin token route to a person', async () => {
    expectProblem(
      await withCookie('POST', '/v1/projects', cookies.owner, { body: { name: 'x' } }),
      401,
    )
  })
})

describe('members', () => {
  it("answers 404 for another project's ids, whatever the role", async () => {
    const b = await createProject('Other tenant')
    const bSurvey = await createSurvey(b.secretKey)
    const bAnswer = (await answer(bSurvey.id, { score: 2 })).json.id as string
    const bPerson = await member(b.secretKey, 'member')
    const bKey = await createKey(b.secretKey, 'read')
    const bInvite = await invite(b.secretKey, { email: 'x@example.com', role: 'viewer' })
    const owner = cookies.owner
    for (const [method, path] of [
      ['GET', `/v1/surveys/${bSurvey.id}`],
      ['PATCH', `/v1/surveys/${bSurvey.id}`],
      ['GET', `/v1/responses/${bAnswer}`],
      ['GET', `/v1/responses?surveyId=${bSurvey.id}`],
      ['GET', `/v1/metrics?surveyId=${bSurvey.id}`],
      ['PATCH', `/v1/members/${bPerson.userId}`],
      ['DELETE', `/v1/members/${bPerson.userId}`],
      ['DELETE', `/v1/members/invites/${bInvite.id}`],
      ['DELETE', `/v1/keys/${bKey.id}`],
    ] as const) {
      const patch = path.startsWith('/v1/surveys/') ? { name: 'hijacked' } : { role: 'viewer' }
      const res = await withCookie(method, path, owner, method === 'PATCH' ? { body: patch } : {})
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404)
    }
    const still = await env.DB.prepare('SELECT role FROM memberships WHERE user_id = ?')
      .bind(bPerson.userId)
      .first()
    expect(still).toEqual({ role: 'member' })
  })
})
