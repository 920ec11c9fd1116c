import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { InvitationCreate } from '../../../schema/invitation'
import {
  answerLink,
  createInvitation,
  openLink,
  type OpenLink,
} from '../../../worker/services/invitations'
import { setup } from '../helpers'
import { DAY_MS } from '../../../schema/constants'

const made = new Date('2026-11-01T12:00:00.000Z')
const tokenOf = (url: string) => new URL(url).pathname.split('/')[2]

async function invitation(extra: Partial<InvitationCreate> = {}) {
  const { project, survey } = await setup()
  const input: InvitationCreate = {
    surveyId: survey.id,
    touchpoint: 'support',
    ref: 'T-1',
    expiresInDays: 30,
    ...extra,
  }
  const created = await createInvitation(env.DB, project.id, input, 'https://kp.example', made)
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
