// The manager API's scopes, walked from the published document so a new route cannot forget: a
// read key (rk_) reads everything and changes nothing.
import { describe, expect, it } from 'vitest'
import { call, expectProblem, setup } from '../helpers'
import { connect } from '../helpdesk/helpers'
import { createKey } from '../session-helpers'

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

interface Operation {
  security?: Record<string, string[]>[]
}

/** Every operation a project key may call: its `security` names the Bearer key scheme. */
async function keyOperations() {
  const doc = (await call('GET', '/openapi.json')).json as {
    paths: Record<string, Partial<Record<string, Operation>>>
  }
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method]
      if (!op?.security?.some((s) => 'secretKey' in s)) return []
      // Any well-formed value: the scope is checked before parameters are read.
      return [{ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x_1') }]
    }),
  )
}

describe('a read key (rk_)', () => {
  it('is never refused a GET and always refused a write (403 insufficient_scope), on every operation of /openapi.json', async () => {
    const { project } = await setup()
    const read = await createKey(project.secretKey, 'read')
    const ops = await keyOperations()
    // The audit log and the single sign-on settings are for owners and admins (SPEC.md "Accounts
    // and roles"): a read key, like a viewer, is refused them (test/worker/roles.test.ts declares
    // them 'admin').
    const ADMIN_READS = new Set(['/v1/audit', '/v1/project/oidc'])
    const gets = ops.filter((o) => o.method === 'GET' && !ADMIN_READS.has(o.path))
    const writes = ops.filter((o) => o.method !== 'GET')
    expect(gets.length).toBeGreaterThanOrEqual(15)
    expect(writes.length).toBeGreaterThanOrEqual(15)
    for (const { method, path } of gets) {
      const res = await call(method, path, { token: read.key })
      expect([401, 403], `${method} ${path}: ${res.text}`).not.toContain(res.status)
    }
    for (const { method, path } of writes) {
      const res = await call(method, path, { token: read.key, body: {} })
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403)
      expectProblem(res, 403, 'insufficient_scope')
    }
  })

  it('reads themes, journeys, connections, a connection and its events', async () => {
    const { project, survey, conn } = await connect('zendesk')
    const read = await createKey(project.secretKey, 'read')
    for (const path of [
      `/v1/themes?surveyId=${survey.id}`,
      `/v1/journeys?surveyId=${survey.id}`,
      '/v1/connections',
      `/v1/connections/${conn.id}`,
      `/v1/connections/${conn.id}/events`,
    ]) {
      const res = await call('GET', path, { token: read.key })
      expect(res.status, `${path}: ${res.text}`).toBe(200)
    }
  })
})
