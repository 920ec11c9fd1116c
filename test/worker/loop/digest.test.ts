import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../schema/constants'
import { DIGEST_BUDGET, DIGEST_Q, weeklyDigest } from '../../../worker/loop/digest'
import { countingD1 } from '../d1-counter'
import { call, expectProblem, setup } from '../helpers'
import { importRows } from '../manager-helpers'
import { addMember, recordingMailer } from './loop-helpers'

describe('the weekly digest', () => {
  it('goes once a week to the admins who opted in, with only the changes that survive Benjamini–Hochberg', async () => {
    const { project, survey } = await setup()
    const now = new Date()
    const at = (daysAgo: number, i: number) =>
      new Date(now.getTime() - daysAgo * DAY_MS - i * 60_000).toISOString()
    // "web" fell from mostly promoters to mostly detractors; "store" stayed the same.
    const rows = []
    for (let i = 0; i < 60; i++) {
      rows.push({
        surveyId: survey.id,
        touchpoint: 'web',
        score: i < 50 ? 10 : 2,
        createdAt: at(10, i),
      })
      rows.push({
        surveyId: survey.id,
        touchpoint: 'web',
        score: i < 50 ? 1 : 9,
        createdAt: at(3, i),
      })
      rows.push({
        surveyId: survey.id,
        touchpoint: 'store',
        score: 8 + (i % 3),
        createdAt: at(10, i),
      })
      rows.push({
        surveyId: survey.id,
        touchpoint: 'store',
        score: 8 + (i % 3),
        createdAt: at(3, i),
      })
    }
    await importRows(project.secretKey, rows)
    const admin = await addMember(project.id, 'admin', 'lead@example.com')
    await addMember(project.id, 'owner', 'quiet@example.com')
    const member = await addMember(project.id, 'member')
    expectProblem(
      await call('PUT', '/v1/follow-ups/digest', {
        token: project.secretKey,
        body: { userId: member.id, subscribed: true },
      }),
      400,
      'validation_failed',
      'userId',
    )
    const res = await call('PUT', '/v1/follow-ups/digest', {
      token: project.secretKey,
      body: { userId: admin.id, subscribed: true },
    })
    expect(res.status, res.text).toBe(200)

    const mail = recordingMailer()
    const counted = countingD1(env.DB)
    const done = await weeklyDigest({ db: counted.db, env: { ...mail.env, DB: counted.db }, now })
    expect(counted.usage.queries).toBeLessThanOrEqual(DIGEST_BUDGET.queries)
    expect(done.projects).toBeGreaterThanOrEqual(1)
    expect(mail.sent.map((m) => m.to)).toEqual(['lead@example.com'])
    const text = mail.sent[0].text
    expect(text).toContain(`q = ${DIGEST_Q}`)
    expect(text).toMatch(/After purchase · web: -\d/)
    expect(text).not.toContain('· store')
    // Last week's 50 imported web detractors have follow-ups, 3 days old: past their 48 hours.
    expect(text).toContain('Open follow-ups past their deadline: 50.')
    // Once per week: a later run in the same week sends nothing.
    await weeklyDigest({ db: env.DB, env: mail.env, now: new Date(now.getTime() + 60_000) })
    expect(mail.sent).toHaveLength(1)
  }, 30_000)
})
