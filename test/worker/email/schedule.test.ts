import { describe, expect, it } from 'vitest'
import { env } from 'cloudflare:test'
import { scheduleSend } from '../../../worker/email/schedule'
import { emailHash } from '../../../worker/lib/email-address'
import type { ScheduleSendRequest } from '../../../schema/email'
import { contextOf, setup } from '../helpers'

const now = new Date('2026-12-01T10:00:00.000Z')
const due = new Date('2026-12-03T08:00:00.000Z')

async function scheduled() {
  const { project, survey } = await setup()
  const input: ScheduleSendRequest = {
    surveyId: survey.id,
    email: 'Ann.Berg@Example.COM',
    ref: 'order-1',
    source: 'event',
    dedupeKey: 'event:order.delivered:order-1',
    scheduledFor: due,
  }
  return { ctx: contextOf(project.id, now), input, project, survey }
}

const sendsOf = (projectId: string) =>
  env.DB.prepare('SELECT * FROM email_sends WHERE project_id = ?').bind(projectId).all()

describe('scheduleSend', () => {
  it('stores one scheduled send with the due time and a hash of the normalised address', async () => {
    const { ctx, input, project } = await scheduled()
    const result = await scheduleSend(ctx, input)
    expect(result).toMatchObject({ ok: true, created: true })
    const { results } = await sendsOf(project.id)
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({
      state: 'scheduled',
      kind: 'survey',
      scheduled_for: due.toISOString(),
      created_at: now.toISOString(),
      reminder_after_days: 3,
    })
    const secret = await env.DB.prepare('SELECT link_secret FROM projects WHERE id = ?')
      .bind(project.id)
      .first<string>('link_secret')
    expect(results[0]!.email_hash).toBe(await emailHash(secret!, 'ann.berg@example.com'))
  })

  it('is one send for the same dedupe key, even when called concurrently', async () => {
    const { ctx, input, project } = await scheduled()
    const results = await Promise.all([1, 2, 3].map(() => scheduleSend(ctx, input)))
    const ids = new Set(results.map((r) => (r.ok ? r.id : r.reason)))
    expect(ids.size).toBe(1)
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    expect((await sendsOf(project.id)).results).toHaveLength(1)
  })

  it('refuses a survey of another project and stores nothing', async () => {
    const { ctx, input, project } = await scheduled()
    const other = await setup()
    const result = await scheduleSend(ctx, { ...input, surveyId: other.survey.id })
    expect(result).toEqual({ ok: false, reason: 'unknown_survey' })
    expect((await sendsOf(project.id)).results).toHaveLength(0)
  })
})
