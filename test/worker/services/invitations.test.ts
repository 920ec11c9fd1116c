import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import {
  answerLink,
  createInvitation,
  openLink,
  type InvitationRequest,
  type OpenLink,
} from '../../../worker/services/invitations'
import { findSurveyForAnswer } from '../../../worker/db/surveys'
import { invitationProblem } from '../../../worker/routes/invitations'
import { insertImpression } from '../../../worker/db/impressions'
import { recordAnswer } from '../../../worker/services/answers'
import { eligibilityOf } from '../../../worker/services/eligibility'
import { call, contextOf, createSurvey, setup } from '../helpers'
import { DAY_MS } from '../../../schema/constants'

const made = new Date('2026-11-01T12:00:00.000Z')
const tokenOf = (url: string) => new URL(url).pathname.split('/')[2]

async function invitation(extra: Partial<InvitationRequest> = {}) {
  const { project, survey } = await setup()
  const input: InvitationRequest = {
    surveyId: survey.id,
    touchpoint: 'support',
    ref: 'T-1',
    expiresInDays: 30,
    ...extra,
  }
  const result = await createInvitation(contextOf(project.id, made), input, 'https://kp.example')
  if (!result.ok) throw invitationProblem(result)
  const created = result.invitation
  return { project, survey, created, token: tokenOf(created.url) }
}

describe('openLink with an injected clock', () => {
  it('is open until the last second before expiry and expired from then on', async () => {
    const { created, token } = await invitation({ expiresInDays: 7, locale: 'nl' })
    const expiry = made.getTime() + 7 * DAY_MS
    expect(created.expiresAt).toBe(new Date(expiry).toISOString())
    expect((await openLink(env.DB, token, made)).status).toBe('open')
    expect((await openLink(env.DB, token, new Date(expiry - 1000))).status).toBe('open')
    expect(await openLink(env.DB, token, new Date(expiry))).toEqual({
      status: 'expired',
      locale: 'nl',
    })
    expect((await openLink(env.DB, token, new Date(expiry + 365 * DAY_MS))).status).toBe('expired')
  })

  it('says invalid before expired: a forged token never learns whether its link expired', async () => {
    const { token } = await invitation()
    const forged = token.slice(0, 60) + (token[60] === 'A' ? 'B' : 'A') + token.slice(61)
    expect(await openLink(env.DB, forged, new Date(made.getTime() + 400 * DAY_MS))).toEqual({
      status: 'invalid',
    })
  })

  it('finds nothing once the invitation row is gone', async () => {
    const { token } = await invitation()
    await env.DB.prepare('DELETE FROM invitations').run()
    expect(await openLink(env.DB, token, made)).toEqual({ status: 'missing' })
  })
})

describe('the channel that carried the link', () => {
  it('is the invitation’s: a help-desk link and its answer count under helpdesk, the figures as before', async () => {
    const { project, survey, token } = await invitation({ channel: 'helpdesk' })
    const link = (await openLink(env.DB, token, made)) as OpenLink
    await answerLink(env.DB, link, { score: 9, contactConsent: false }, made)
    const stored = await env.DB.prepare(
      'SELECT channel, link_channel, polarity FROM responses WHERE id = ?',
    )
      .bind(link.answerId)
      .first()
    expect(stored).toEqual({ channel: 'link', link_channel: 'helpdesk', polarity: 1 })
    const buckets = await env.DB.prepare(
      'SELECT channel, total, positive, asked FROM rollup_days WHERE survey_id = ?',
    )
      .bind(survey.id)
      .all()
    expect(buckets.results).toEqual([{ channel: 'helpdesk', total: 1, positive: 1, asked: 1 }])
    const res = await call('GET', `/v1/metrics?surveyId=${survey.id}`, { token: project.secretKey })
    expect(res.json).toMatchObject({ total: 1, invited: 1, linkResponseRate: 100 })
  })

  it('is link for an invitation that names none (POST /v1/invitations)', async () => {
    const { survey } = await invitation()
    const bucket = await env.DB.prepare(
      'SELECT channel, asked FROM rollup_days WHERE survey_id = ?',
    )
      .bind(survey.id)
      .first()
    expect(bucket).toEqual({ channel: 'link', asked: 1 })
  })
})

describe('answerLink', () => {
  it('creates the answer once, then updates the same row', async () => {
    const { token, survey } = await invitation()
    const link = (await openLink(env.DB, token, made)) as OpenLink
    const first = await answerLink(
      env.DB,
      link,
      { score: 2, contactConsent: false },
      new Date(made.getTime() + 1000),
    )
    const second = await answerLink(
      env.DB,
      link,
      { score: 9, contactConsent: true },
      new Date(made.getTime() + 2000),
    )
    expect(first).toMatchObject({ outcome: 'created', id: link.answerId, category: 'detractor' })
    expect(second).toMatchObject({ outcome: 'updated', id: link.answerId, category: 'promoter' })
    const rows = await env.DB.prepare(
      'SELECT id, score, channel, contact_consent FROM responses WHERE survey_id = ?',
    )
      .bind(survey.id)
      .all()
    expect(rows.results).toEqual([
      { id: link.answerId, score: 9, channel: 'link', contact_consent: 1 },
    ])
  })

  it('never lets an older submission overwrite a newer one', async () => {
    const { token, survey } = await invitation()
    const link = (await openLink(env.DB, token, made)) as OpenLink
    await answerLink(
      env.DB,
      link,
      { score: 10, contactConsent: false },
      new Date(made.getTime() + 5000),
    )
    await answerLink(
      env.DB,
      link,
      { score: 1, contactConsent: false },
      new Date(made.getTime() + 1000),
    )
    const row = await env.DB.prepare('SELECT score FROM responses WHERE survey_id = ?')
      .bind(survey.id)
      .first()
    expect(row).toEqual({ score: 10 })
  })
})

describe('createInvitation and the contact ledger', () => {
  const ask = (
    projectId: string,
    surveyId: string,
    customerId: string | undefined,
    at: Date,
    extra: Partial<InvitationRequest> = {},
  ) =>
    createInvitation(
      contextOf(projectId, at),
      { surveyId, touchpoint: 'support', ref: 'T-1', expiresInDays: 30, customerId, ...extra },
      'https://kp.example',
    ).then((r) => {
      // A refusal is a value; the route's problem for it (409 customer_throttled) is what we check.
      if (!r.ok) throw invitationProblem(r)
      return r.invitation
    })
  const rows = async (projectId: string) =>
    (
      await env.DB.prepare(
        'SELECT customer_id FROM invitations WHERE project_id = ? ORDER BY created_at',
      )
        .bind(projectId)
        .all<{ customer_id: string | null }>()
    ).results.map((r) => r.customer_id)

  it('counts a sent invitation as a contact: a second one within throttleDays is refused and stores nothing', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    await ask(project.id, survey.id, 'cus_a', made)
    const later = new Date(made.getTime() + 29 * DAY_MS)
    const refused = await ask(project.id, survey.id, 'cus_a', later, { ref: 'T-2' }).catch(
      (e: unknown) => e,
    )
    expect(refused).toMatchObject({ status: 409, code: 'customer_throttled' })
    // The detail names the invitation and the first day on which asking is fine again.
    expect((refused as Error).message).toContain('was invited')
    expect((refused as Error).message).toContain(
      new Date(made.getTime() + 30 * DAY_MS).toISOString(),
    )
    expect(await rows(project.id)).toEqual(['cus_a'])
  })

  it('asks again once throttleDays have passed since the invitation', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    await ask(project.id, survey.id, 'cus_b', made)
    const justBefore = new Date(made.getTime() + 30 * DAY_MS - 1000)
    await expect(ask(project.id, survey.id, 'cus_b', justBefore)).rejects.toMatchObject({
      code: 'customer_throttled',
    })
    await ask(project.id, survey.id, 'cus_b', new Date(made.getTime() + 30 * DAY_MS))
    expect(await rows(project.id)).toEqual(['cus_b', 'cus_b'])
  })

  it('sends a second invitation with force, which then counts as the latest contact', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    await ask(project.id, survey.id, 'cus_f', made)
    const forced = new Date(made.getTime() + 10 * DAY_MS)
    await ask(project.id, survey.id, 'cus_f', forced, { ref: 'T-2', force: true })
    expect(await rows(project.id)).toEqual(['cus_f', 'cus_f'])
    // 35 days after the first, but only 25 after the forced one.
    await expect(
      ask(project.id, survey.id, 'cus_f', new Date(made.getTime() + 35 * DAY_MS)),
    ).rejects.toMatchObject({ code: 'customer_throttled' })
    expect(
      await eligibilityOf(env.DB, project.id, 'cus_f', 30, new Date(made.getTime() + 35 * DAY_MS)),
    ).toEqual({
      eligible: false,
      reason: 'invited',
      nextEligibleAt: new Date(forced.getTime() + 30 * DAY_MS).toISOString(),
    })
  })

  it('throttles per customer and per project, across the project surveys, never with throttleDays and cooldownDays 0', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const other = await setup({ throttleDays: 30 })
    const never = await createSurvey(project.secretKey, { throttleDays: 0, cooldownDays: 0 })
    const otherSurvey = await createSurvey(project.secretKey, { throttleDays: 30 })
    await ask(project.id, survey.id, 'cus_c', made)
    const soon = new Date(made.getTime() + DAY_MS)
    // Another customer, another project (same customer id), anonymous links: not throttled.
    await ask(project.id, survey.id, 'cus_d', soon)
    await ask(other.project.id, other.survey.id, 'cus_c', soon)
    await ask(project.id, survey.id, undefined, soon)
    await ask(project.id, survey.id, undefined, soon)
    // The ledger is one per project: another survey of the same project is throttled too …
    await expect(ask(project.id, otherSurvey.id, 'cus_c', soon)).rejects.toMatchObject({
      code: 'customer_throttled',
    })
    // … unless that survey never throttles.
    await ask(project.id, never.id, 'cus_c', soon)
    await ask(project.id, never.id, 'cus_c', soon)
    expect((await rows(project.id)).sort()).toEqual(
      ['cus_c', 'cus_c', 'cus_c', 'cus_d', null, null].sort(),
    )
  })

  it('stores exactly one of ten concurrent invitations for one customer', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ask(project.id, survey.id, 'cus_race', made, { ref: `T-${i}` }),
      ),
    )
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1)
    for (const s of settled.filter((s) => s.status === 'rejected')) {
      expect(s.reason).toMatchObject({ status: 409, code: 'customer_throttled' })
    }
    expect(await rows(project.id)).toEqual(['cus_race'])
  })

  it('also counts answers and dismissals in the same guarded insert, and force overrides them', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    await recordAnswer(
      env.DB,
      target,
      { id: crypto.randomUUID(), surveyId: survey.id, score: 4, customerId: 'cus_w' },
      // A proven customer (the secret key's API): only such answers are contacts in the ledger.
      { channel: 'api', now: made, identityProof: 'secret_key' },
    )
    await insertImpression(env.DB, {
      id: crypto.randomUUID(),
      type: 'dismissed',
      project_id: project.id,
      survey_id: survey.id,
      touchpoint: null,
      customer_id: 'cus_x',
      created_at: made.toISOString(),
    })
    const soon = new Date(made.getTime() + DAY_MS)
    await expect(ask(project.id, survey.id, 'cus_w', soon)).rejects.toThrow(/answered/)
    await expect(ask(project.id, survey.id, 'cus_x', soon)).rejects.toThrow(/dismissed/)
    expect(await rows(project.id)).toEqual([])
    // force overrides any contact; the invitation is then the latest one the ledger names.
    await ask(project.id, survey.id, 'cus_w', soon, { force: true })
    await expect(ask(project.id, survey.id, 'cus_w', soon)).rejects.toThrow(/was invited/)
  })

  it('lets an unproven widget answer for a customer block no invitation: nobody silences a customer', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const target = (await findSurveyForAnswer(env.DB, survey.id))!
    await recordAnswer(
      env.DB,
      target,
      { id: crypto.randomUUID(), surveyId: survey.id, score: 0, customerId: 'cus_u' },
      { channel: 'widget', now: made },
    )
    await ask(project.id, survey.id, 'cus_u', new Date(made.getTime() + DAY_MS))
    expect(await rows(project.id)).toEqual(['cus_u'])
  })
})

describe('eligibilityOf counts invitations (one ledger across channels)', () => {
  it('says a customer invited by link within throttleDays is not eligible for the widget', async () => {
    const { project, survey } = await setup({ throttleDays: 14 })
    await createInvitation(
      contextOf(project.id, made),
      {
        surveyId: survey.id,
        touchpoint: 'support',
        ref: 'T-9',
        customerId: 'cus_i',
        expiresInDays: 30,
      },
      'https://kp.example',
    )
    const now = new Date(made.getTime() + 3 * DAY_MS)
    expect(await eligibilityOf(env.DB, project.id, 'cus_i', 14, now)).toEqual({
      eligible: false,
      reason: 'invited',
      nextEligibleAt: new Date(made.getTime() + 14 * DAY_MS).toISOString(),
    })
    expect(await eligibilityOf(env.DB, project.id, 'cus_other', 14, now)).toEqual({
      eligible: true,
    })
    expect(await eligibilityOf(env.DB, project.id, 'cus_i', 2, now)).toEqual({ eligible: true })
  })
})
