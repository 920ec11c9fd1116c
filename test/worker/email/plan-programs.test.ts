import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { planProgramSends } from '../../../worker/email/plan-programs'
import { wallClock } from '../../../worker/email/window'
import { countingD1, FREE_PLAN } from '../d1-counter'
import { call, createSurvey, setup } from '../helpers'
import { sendsOf } from './trigger-helpers'

// Thursday 2027-03-25 10:00Z: the planner fills Friday 2027-03-26.
const THURSDAY = new Date('2027-03-25T10:00:00Z')
const ZONES = ['Europe/Copenhagen', 'Europe/Oslo', 'America/New_York']

async function programWithPeople(n: number, program: Record<string, unknown> = {}) {
  const { project, survey } = await setup()
  const token = project.secretKey
  const people = Array.from({ length: n }, (_, i) => ({
    email: `p${i}@example.com`,
    customerId: `c-${i}`,
    timeZone: ZONES[i % ZONES.length],
  }))
  expect((await call('POST', '/v1/people', { token, body: people })).status).toBe(201)
  const res = await call('POST', '/v1/email/programs', {
    token,
    body: { surveyId: survey.id, everyDays: 90, dailyCap: 10, ...program },
  })
  expect(res.status, res.text).toBe(201)
  // Everyone due before the day planned, and the planner's day where THURSDAY puts it.
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE email_program_people SET due_at = '2027-03-01T00:00:00.000Z' WHERE program_id = ?",
    ).bind(res.json.id),
    env.DB.prepare("UPDATE email_programs SET plan_day = '2027-03-26' WHERE id = ?").bind(
      res.json.id,
    ),
  ])
  return { project, survey, token, program: res.json as { id: string } }
}

const localOf = (iso: string, tz: string) => {
  const w = wallClock(Date.parse(iso), tz)
  return {
    day: new Date(w.day * 86_400_000).toISOString().slice(0, 10),
    minutes: w.minutes,
    weekday: w.weekday,
  }
}

describe('planProgramSends', () => {
  it('enrols every person and plans at most dailyCap a day, on weekday mornings in each person’s zone', async () => {
    const { project, program } = await programWithPeople(25)
    const members = await env.DB.prepare(
      'SELECT count(*) AS n FROM email_program_people WHERE program_id = ?',
    )
      .bind(program.id)
      .first<{ n: number }>()
    expect(members!.n).toBe(25)

    await planProgramSends({ db: env.DB, now: THURSDAY })
    let sends = await sendsOf(project.id)
    expect(sends).toHaveLength(10)
    for (const s of sends) {
      const local = localOf(s.scheduled_for, s.time_zone)
      expect(local.day).toBe('2027-03-26')
      expect(local.minutes).toBeGreaterThanOrEqual(9 * 60)
      expect(local.minutes).toBeLessThan(12 * 60)
      expect(s).toMatchObject({ source: 'program', state: 'scheduled' })
      expect(s.dedupe_key).toMatch(new RegExp(`^program:${program.id}:per_\\w+:0$`))
    }
    // Spread over the morning, not bunched at its start.
    const minutes = sends.map((s) => localOf(s.scheduled_for, s.time_zone).minutes)
    expect(Math.max(...minutes) - Math.min(...minutes)).toBeGreaterThan(60)
    expect(new Set(minutes).size).toBeGreaterThan(5)

    // Again on the same day: the cap is used, nothing more.
    await planProgramSends({ db: env.DB, now: THURSDAY })
    expect(await sendsOf(project.id)).toHaveLength(10)
    // Friday plans Saturday: not a window day; Saturday plans Sunday: neither.
    await planProgramSends({ db: env.DB, now: new Date('2027-03-26T10:00:00Z') })
    await planProgramSends({ db: env.DB, now: new Date('2027-03-27T10:00:00Z') })
    expect(await sendsOf(project.id)).toHaveLength(10)
    // Sunday plans Monday 29 March (after the spring change): ten more.
    await planProgramSends({ db: env.DB, now: new Date('2027-03-28T10:00:00Z') })
    sends = await sendsOf(project.id)
    expect(sends).toHaveLength(20)
    const monday = sends.filter((s) => localOf(s.scheduled_for, s.time_zone).day === '2027-03-29')
    expect(monday).toHaveLength(10)
    for (const s of monday)
      expect(localOf(s.scheduled_for, s.time_zone).minutes).toBeGreaterThanOrEqual(540)
    // Each person once per cycle.
    expect(new Set(sends.map((s) => s.email)).size).toBe(20)
  })

  it('moves a person contacted on another channel to everyDays after that contact, sending nothing', async () => {
    const { project, survey, token, program } = await programWithPeople(3, { everyDays: 180 })
    // c-0 got a survey link today (a contact in the ledger): 180 days from now is after Friday.
    const invited = await call('POST', '/v1/invitations', {
      token,
      body: { surveyId: survey.id, touchpoint: 'support', customerId: 'c-0', ref: 'T-1' },
    })
    expect(invited.status, invited.text).toBe(201)
    const result = await planProgramSends({ db: env.DB, now: THURSDAY })
    expect(result).toMatchObject({ sends: 2, deferred: 1 })
    const sends = await sendsOf(project.id)
    expect(sends.map((s) => s.customer_id).sort()).toEqual(['c-1', 'c-2'])
    const row = await env.DB.prepare(
      `SELECT m.due_at, i.created_at FROM email_program_people m JOIN people p ON p.id = m.person_id
       JOIN invitations i ON i.customer_id = p.customer_id AND i.project_id = p.project_id
       WHERE m.program_id = ? AND p.customer_id = 'c-0'`,
    )
      .bind(program.id)
      .first<{ due_at: string; created_at: string }>()
    expect(Date.parse(row!.due_at) - Date.parse(row!.created_at)).toBe(180 * 86_400_000)
  })

  it('schedules each person once when runs are retried or overlap', async () => {
    const { project } = await programWithPeople(8)
    await Promise.all([
      planProgramSends({ db: env.DB, now: THURSDAY }),
      planProgramSends({ db: env.DB, now: THURSDAY }),
      planProgramSends({ db: env.DB, now: THURSDAY }),
    ])
    await planProgramSends({ db: env.DB, now: THURSDAY })
    const sends = await sendsOf(project.id)
    expect(sends).toHaveLength(8)
    expect(new Set(sends.map((s) => s.dedupe_key)).size).toBe(8)
  })

  it('pausing cancels the scheduled sends and plans no more; resuming asks those people again', async () => {
    const { project, token, program } = await programWithPeople(6)
    await planProgramSends({ db: env.DB, now: THURSDAY })
    expect(await sendsOf(project.id)).toHaveLength(6)
    const paused = await call('PATCH', `/v1/email/programs/${program.id}`, {
      token,
      body: { state: 'paused' },
    })
    expect(paused.status, paused.text).toBe(200)
    expect(paused.json.state).toBe('paused')
    let sends = await sendsOf(project.id)
    expect(sends.map((s) => [s.state, s.reason])).toEqual(
      Array(6).fill(['cancelled', 'program_paused']),
    )
    // Paused: the planner leaves it alone on the following days.
    await planProgramSends({ db: env.DB, now: new Date('2027-03-28T10:00:00Z') })
    expect(await sendsOf(project.id)).toHaveLength(6)

    await call('PATCH', `/v1/email/programs/${program.id}`, { token, body: { state: 'active' } })
    // Resumed on a Sunday: the first run passes the Sunday by, the next fills Monday.
    for (let run = 0; run < 2; run++)
      await planProgramSends({ db: env.DB, now: new Date('2027-03-28T10:00:00Z') })
    sends = await sendsOf(project.id)
    const scheduled = sends.filter((s) => s.state === 'scheduled')
    expect(scheduled).toHaveLength(6)
    expect(new Set(scheduled.map((s) => s.email))).toEqual(
      new Set(sends.filter((s) => s.state === 'cancelled').map((s) => s.email)),
    )
    for (const s of scheduled) expect(s.dedupe_key).toMatch(/:1$/)
  })

  it('stays within 50 D1 queries a run with more programs than one run takes', async () => {
    const { project, token } = await programWithPeople(5)
    const surveys = await Promise.all(Array.from({ length: 8 }, () => createSurvey(token)))
    for (const s of surveys) {
      const res = await call('POST', '/v1/email/programs', {
        token,
        body: { surveyId: s.id, everyDays: 90, dailyCap: 1000 },
      })
      expect(res.status, res.text).toBe(201)
    }
    await env.DB.batch([
      env.DB.prepare("UPDATE email_program_people SET due_at = '2027-03-01T00:00:00.000Z'"),
      env.DB.prepare("UPDATE email_programs SET plan_day = '2027-03-26' WHERE project_id = ?").bind(
        project.id,
      ),
    ])
    const { db, usage } = countingD1(env.DB)
    const result = await planProgramSends({ db, now: THURSDAY })
    expect(result.programs).toBeLessThan(9)
    expect(usage.queries).toBeLessThanOrEqual(FREE_PLAN.queries)
    expect(usage.queries).toBe(result.queries)
    expect(usage.maxParams).toBeLessThanOrEqual(FREE_PLAN.params)
    // The next run finishes the rest.
    await planProgramSends({ db: env.DB, now: THURSDAY })
    expect(await sendsOf(project.id)).toHaveLength(9 * 5)
  })
})
