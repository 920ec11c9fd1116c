import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sendBlocker } from '../../../worker/email/gate'
import { emailHash } from '../../../worker/lib/email-address'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { createInvitation } from '../../../worker/services/invitations'
import { InvitationCreate } from '../../../schema/invitation'
import { call, contextOf, setup } from '../helpers'
import { storeAnswer } from '../webhooks/helpers'
import { attemptSend, fakeMailer, invitationsOf, scheduleDue, sendRow } from './helpers'

const secretOf = async (projectId: string) =>
  (await env.DB.prepare('SELECT link_secret FROM projects WHERE id = ?')
    .bind(projectId)
    .first<string>('link_secret'))!

describe('the gate before every send', () => {
  it('suppresses a send to an address on the suppression list and mails nothing', async () => {
    const { project, survey } = await setup()
    const res = await call('POST', '/v1/suppressions', {
      token: project.secretKey,
      body: { addresses: ['Blocked@Example.com'], reason: 'bounced' },
    })
    expect(res.status, res.text).toBe(201)
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id, { email: 'blocked@example.com' })
    await attemptSend(project.id, id, mailer.env)
    expect(await sendRow(id)).toMatchObject({ state: 'suppressed', reason: 'bounced' })
    expect(mailer.sent).toHaveLength(0)
    expect(await invitationsOf(project.id)).toHaveLength(0)
  })

  it('skips a send whose survey was deleted', async () => {
    const { project, survey } = await setup()
    const id = await scheduleDue(project.id, survey.id)
    await call('DELETE', `/v1/surveys/${survey.id}`, { token: project.secretKey })
    const mailer = fakeMailer()
    await attemptSend(project.id, id, mailer.env)
    expect(await sendRow(id)).toMatchObject({ state: 'skipped', reason: 'survey_deleted' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('skips a send to a customer who answered the widget (signed) within the cooldown', async () => {
    const { project, survey } = await setup()
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_w')
    await storeAnswer(survey.id, { customerId: 'cus_w', customerHash, score: 9 })
    const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_w' })
    const mailer = fakeMailer()
    await attemptSend(project.id, id, mailer.env)
    expect(await sendRow(id)).toMatchObject({ state: 'skipped', reason: 'cooldown' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('skips a send to a customer a help desk asked within the cooldown, and a help-desk ask after an email is refused', async () => {
    const { project, survey } = await setup()
    const ctx = contextOf(project.id)
    const desk = InvitationCreate.parse({ surveyId: survey.id, ref: 'T-1', customerId: 'cus_h' })
    expect((await createInvitation(ctx, { ...desk, channel: 'helpdesk' }, 'http://x')).ok).toBe(
      true,
    )
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_h' })
    await attemptSend(project.id, id, mailer.env)
    expect(await sendRow(id)).toMatchObject({ state: 'skipped', reason: 'cooldown' })

    const emailed = await scheduleDue(project.id, survey.id, { customerId: 'cus_e' })
    await attemptSend(project.id, emailed, mailer.env)
    expect((await sendRow(emailed))?.state).toBe('sent')
    const after = InvitationCreate.parse({ surveyId: survey.id, ref: 'T-2', customerId: 'cus_e' })
    const refused = await createInvitation(ctx, { ...after, channel: 'helpdesk' }, 'http://x')
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' })
  })

  it('holds the cooldown after an email on every other channel, even for surveys with throttleDays 0', async () => {
    const { project, survey } = await setup({ throttleDays: 0 })
    const ctx = contextOf(project.id)
    const mailer = fakeMailer()
    const emailed = await scheduleDue(project.id, survey.id, { customerId: 'cus_all' })
    await attemptSend(project.id, emailed, mailer.env)
    expect((await sendRow(emailed))?.state).toBe('sent')
    // The widget (a signed customer) is told no …
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_all')
    const widget = await call('POST', `/v1/public/surveys/${survey.id}/eligibility`, {
      body: { customerId: 'cus_all', customerHash },
    })
    expect(widget.json).toEqual({ eligible: false, reason: 'invited' })
    // … a survey link and a help-desk ask are refused …
    const link = await call('POST', '/v1/invitations', {
      token: project.secretKey,
      body: { surveyId: survey.id, ref: 'T-9', customerId: 'cus_all' },
    })
    expect(link.status).toBe(409)
    const desk = InvitationCreate.parse({ surveyId: survey.id, ref: 'T-1', customerId: 'cus_all' })
    expect(await createInvitation(ctx, { ...desk, channel: 'helpdesk' }, 'http://x')).toMatchObject(
      { ok: false, reason: 'throttled' },
    )
    expect(await invitationsOf(project.id)).toHaveLength(1)
    // … until the survey sets its own cooldown of 0.
    const patched = await call('PATCH', `/v1/surveys/${survey.id}`, {
      token: project.secretKey,
      body: { cooldownDays: 0 },
    })
    expect(patched.status, patched.text).toBe(200)
    expect((await createInvitation(ctx, { ...desk, channel: 'helpdesk' }, 'http://x')).ok).toBe(
      true,
    )
  })

  it('skips a second survey email to the same address (no customer id) within the cooldown, and sends it with cooldownDays 0', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const first = await scheduleDue(project.id, survey.id, { email: 'ann@example.com' })
    await attemptSend(project.id, first, mailer.env)
    const second = await scheduleDue(project.id, survey.id, { email: 'ANN@example.com' })
    await attemptSend(project.id, second, mailer.env)
    expect(await sendRow(second)).toMatchObject({ state: 'skipped', reason: 'cooldown' })
    const patched = await call('PATCH', `/v1/surveys/${survey.id}`, {
      token: project.secretKey,
      body: { cooldownDays: 0 },
    })
    expect(patched.json.cooldownDays).toBe(0)
    const third = await scheduleDue(project.id, survey.id, { email: 'ann@example.com' })
    await attemptSend(project.id, third, mailer.env)
    expect((await sendRow(third))?.state).toBe('sent')
    expect(mailer.sent).toHaveLength(2)
  })

  it('answers the reason at event time through sendBlocker', async () => {
    const { project, survey } = await setup()
    const ctx = contextOf(project.id)
    const secret = await secretOf(project.id)
    const hash = await emailHash(secret, 'bo@example.com')
    expect(await sendBlocker(ctx, { emailHash: hash, surveyId: survey.id })).toBeNull()
    await call('POST', '/v1/suppressions', {
      token: project.secretKey,
      body: { addresses: ['bo@example.com'], reason: 'complained' },
    })
    expect(await sendBlocker(ctx, { emailHash: hash, surveyId: survey.id })).toEqual({
      state: 'suppressed',
      reason: 'complained',
    })
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_x')
    await storeAnswer(survey.id, { customerId: 'cus_x', customerHash })
    const other = await emailHash(secret, 'x@example.com')
    expect(
      await sendBlocker(ctx, { emailHash: other, customerId: 'cus_x', surveyId: survey.id }),
    ).toEqual({ state: 'skipped', reason: 'cooldown' })
    expect(await sendBlocker(ctx, { emailHash: other, surveyId: 'srv_nope' })).toEqual({
      state: 'skipped',
      reason: 'survey_deleted',
    })
  })
})

describe('erasure by email', () => {
  it('suppresses the address, skips its pending sends and keeps no address on its sends', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const sent = await scheduleDue(project.id, survey.id, { email: 'eve@example.com' })
    await attemptSend(project.id, sent, mailer.env)
    const pending = await scheduleDue(project.id, survey.id, {
      email: 'Eve@example.com',
      scheduledFor: new Date(Date.now() + 86_400_000),
    })
    const res = await call('DELETE', '/v1/customers?email=eve%40example.com', {
      token: project.secretKey,
    })
    expect(res.status, res.text).toBe(200)
    expect(await sendRow(pending)).toMatchObject({ state: 'skipped', reason: 'erased', email: '' })
    expect(await sendRow(sent)).toMatchObject({ state: 'sent', email: '', ref: null })
    const messages = await env.DB.prepare(
      'SELECT count(*) AS n FROM email_messages WHERE send_id = ?',
    )
      .bind(sent)
      .first<number>('n')
    expect(messages).toBe(0)
    // A later event for the same address is skipped as erased.
    const later = await scheduleDue(project.id, survey.id, { email: 'eve@example.com' })
    await attemptSend(project.id, later, mailer.env)
    expect(await sendRow(later)).toMatchObject({ state: 'skipped', reason: 'erased' })
    expect(mailer.sent).toHaveLength(1)
  })
})
