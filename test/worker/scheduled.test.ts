import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { INVITATION_GRACE_MS } from '../../worker/scheduled'
import { setup } from './helpers'
import { DAY_MS } from '../../schema/constants'
import { DAILY_CRON, runCron } from './cron-helpers'

describe('the daily cron', () => {
  it('purges invitations expired more than the grace period ago and keeps the rest', async () => {
    const { project, survey } = await setup()
    const now = Date.parse('2026-11-24T03:17:00Z')
    const expiries = {
      long: now - INVITATION_GRACE_MS - DAY_MS,
      recent: now - 10 * DAY_MS,
      live: now + 10 * DAY_MS,
    }
    for (const [id, expires] of Object.entries(expiries)) {
      await env.DB.prepare(
        `INSERT INTO invitations (id, project_id, survey_id, touchpoint, ref, customer_id, email, properties, locale, expires_at, created_at)
         VALUES (?, ?, ?, 'support', 'T-1', 'c1', 'ann@example.com', '{}', 'en', ?, ?)`,
      )
        .bind(
          id,
          project.id,
          survey.id,
          new Date(expires).toISOString(),
          new Date(now - 200 * DAY_MS).toISOString(),
        )
        .run()
    }
    await runCron(DAILY_CRON, now)
    const left = await env.DB.prepare('SELECT id FROM invitations WHERE project_id = ? ORDER BY id')
      .bind(project.id)
      .all<{ id: string }>()
    expect(left.results.map((r) => r.id)).toEqual(['live', 'recent'])
  })
})
