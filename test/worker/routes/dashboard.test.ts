// The dashboard's shell at /app and every deep link under it (npm test builds it first).
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject } from '../helpers'
import { signIn } from '../session-helpers'
import { DAILY_CRON, runCron } from '../cron-helpers'

describe('the dashboard at /app', () => {
  it('serves the same HTML shell for /app and for a deep link, under a strict CSP', async () => {
    const root = await call('GET', '/app')
    expect(root.status).toBe(200)
    expect(root.headers.get('content-type')).toContain('text/html')
    expect(root.text).toContain('<div id="app">')
    for (const path of [
      '/app/',
      '/app/inbox',
      '/app/customers/cus_1',
      '/app/surveys/srv_x?tab=1',
    ]) {
      const deep = await call('GET', path)
      expect(deep.status, path).toBe(200)
      expect(deep.text, path).toBe(root.text)
    }
    const csp = root.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe')
    // The shell names its scripts; the scripts themselves are static assets.
    const src = root.text.match(/src="(\/app\/assets\/[^"]+\.js)"/)![1]
    const js = await call('GET', src)
    expect(js.status).toBe(200)
    expect(js.text).not.toContain('<div id="app">')
  })

  it('leaves the API untouched: an unknown /v1 route is still a problem, not the shell', async () => {
    const res = await call('GET', '/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('purges expired sessions in the daily housekeeping', async () => {
    const { secretKey, id } = await createProject()
    await signIn(secretKey)
    await signIn(secretKey)
    await env.DB.prepare(
      "UPDATE sessions SET expires_at = '2026-01-01T00:00:00.000Z' WHERE project_id = ? AND rowid = (SELECT min(rowid) FROM sessions WHERE project_id = ?)",
    )
      .bind(id, id)
      .run()
    await runCron(DAILY_CRON, Date.now())
    const left = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE project_id = ?')
      .bind(id)
      .first<{ n: number }>()
    expect(left!.n).toBe(1)
  })
})
