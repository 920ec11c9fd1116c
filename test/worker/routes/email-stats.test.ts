import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { wilson } from '../../../schema/stats'
import { call, expectProblem, setup } from '../helpers'

const today = () => new Date().toISOString().slice(0, 10)

async function seedSend(
  projectId: string,
  surveyId: string,
  n: number,
  kind: 'survey' | 'reminder',
  state: string,
  scheduledFor: string,
) {
  for (let i = 0; i < n; i++)
    await env.DB.prepare(
      `INSERT INTO email_sends (id, project_id, survey_id, source, kind, dedupe_key, email,
         email_hash, state, scheduled_for, created_at)
       VALUES (?, ?, ?, 'event', ?, ?, 'x@example.com', 'h', ?, ?, ?)`,
    )
      .bind(
        `eml_${kind}_${state}_${i}_${Math.random()}`,
        projectId,
        surveyId,
        kind,
        `k-${state}-${i}${state === 'answered' ? '' : `-${scheduledFor}`}`,
        state,
        scheduledFor,
        scheduledFor,
      )
      .run()
}

describe('GET /v1/email/stats and /v1/email/schedule', () => {
  it('gives each channel sent → answered with its rate and Wilson interval, and the reminder share', async () => {
    const { project, survey } = await setup()
    const day = today()
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO rollup_days (survey_id, day, touchpoint, channel, total, asked) VALUES
         (?1, ?2, '', 'email', 10, 40), (?1, ?2, '', 'widget', 30, 300), (?1, ?2, '', 'import', 5, 0)`,
      ).bind(survey.id, day),
    ])
    const at = `${day}T08:00:00.000Z`
    // 6 sent, 4 answered: 2 of those after their reminder (keys k-answered-0 and -1).
    await seedSend(project.id, survey.id, 2, 'survey', 'sent', at)
    await seedSend(project.id, survey.id, 4, 'survey', 'answered', at)
    await env.DB.batch(
      [0, 1].map((i) =>
        env.DB.prepare(
          `INSERT INTO email_sends (id, project_id, survey_id, source, kind, dedupe_key, email,
             email_hash, state, scheduled_for, created_at)
           VALUES (?, ?, ?, 'event', 'reminder', ?, 'x@example.com', 'h', 'sent', ?, ?)`,
        ).bind(`eml_r${i}`, project.id, survey.id, `k-answered-${i}`, at, at),
      ),
    )
    const res = await call('GET', `/v1/email/stats?from=${day}&to=${day}`, {
      token: project.secretKey,
    })
    expect(res.status, res.text).toBe(200)
    const email = res.json.channels.find((c: { channel: string }) => c.channel === 'email')
    const ci = wilson(10, 40)!
    expect(email).toEqual({
      channel: 'email',
      sent: 40,
      answered: 10,
      responseRate: 25,
      ci95: { low: Math.round(ci.low * 1000) / 10, high: Math.round(ci.high * 1000) / 10 },
    })
    expect(res.json.channels.map((c: { channel: string }) => c.channel)).toEqual([
      'email',
      'widget',
    ])
    expect(res.json.email).toMatchObject({
      sent: 6,
      answered: 4,
      reminders: { sent: 2, answersAfterReminder: 2, shareOfAnswers: 50 },
    })
  })

  it('counts the scheduled sends of the next 14 days per day', async () => {
    const { project, survey } = await setup()
    const t = Date.parse(`${today()}T00:00:00Z`)
    await seedSend(
      project.id,
      survey.id,
      3,
      'survey',
      'scheduled',
      new Date(t + 86_400_000 + 3_600_000).toISOString(),
    )
    await seedSend(
      project.id,
      survey.id,
      1,
      'survey',
      'cancelled',
      new Date(t + 86_400_000).toISOString(),
    )
    await seedSend(
      project.id,
      survey.id,
      2,
      'survey',
      'scheduled',
      new Date(t + 20 * 86_400_000).toISOString(),
    )
    const res = await call('GET', '/v1/email/schedule', { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    expect(res.json.data).toHaveLength(14)
    expect(res.json.data[1].scheduled).toBe(3)
    expect(res.json.data.reduce((n: number, d: { scheduled: number }) => n + d.scheduled, 0)).toBe(
      3,
    )
  })

  it('refuses a window whose from is after to', async () => {
    const { project } = await setup()
    expectProblem(
      await call('GET', '/v1/email/stats?from=2026-12-02&to=2026-12-01', {
        token: project.secretKey,
      }),
      400,
      'validation_failed',
    )
  })
})
