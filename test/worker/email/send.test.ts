import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test'
import worker from '../../../worker/index'
import { describe, expect, it } from 'vitest'
import { emailSendHandler } from '../../../worker/email/send'
import { enqueueDueSends } from '../../../worker/email/due'
import { setup } from '../helpers'
import { queueStub, waitFor } from '../webhooks/helpers'
import { attemptSend, fakeMailer, invitationsOf, scheduleDue, sendRow, sendsOf } from './helpers'

describe('a due survey email', () => {
  it('is mailed once with its link, stored as sent, and its one reminder scheduled after reminderAfterDays', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_1', locale: 'da' })
    const now = new Date()
    expect(await attemptSend(project.id, id, mailer.env, { now })).toEqual({ type: 'ack' })
    expect(mailer.sent).toHaveLength(1)
    const mail = mailer.sent[0]!
    expect(mail.to).toMatch(/^person\d+@example\.com$/)
    expect(mail.from.name).toBe('Acme')
    expect(mail.subject).toBe('Et hurtigt spørgsmål fra Acme')
    const row = await sendRow(id)
    expect(row).toMatchObject({ state: 'sent', sent_at: now.toISOString(), lease_token: null })
    const invitations = await invitationsOf(project.id)
    expect(invitations).toEqual([
      expect.objectContaining({ id: row!.invitation_id, channel: 'email', customer_id: 'cus_1' }),
    ])
    const sends = await sendsOf(project.id)
    expect(sends.map((s) => [s.kind, s.state])).toEqual([
      ['survey', 'sent'],
      ['reminder', 'scheduled'],
    ])
    const reminder = sends[1]!
    expect(reminder.dedupe_key).toBe(row!.dedupe_key)
    expect(reminder.invitation_id).toBe(row!.invitation_id)
    expect(reminder.scheduled_for).toBe(new Date(now.getTime() + 3 * 86_400_000).toISOString())
    const stored = await env.DB.prepare('SELECT * FROM email_messages WHERE send_id = ?')
      .bind(id)
      .first<{ subject: string; headers: string; message_id: string }>()
    expect(stored?.message_id).toBe('<msg-1@test>')
    expect(JSON.parse(stored!.headers)).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })

  it('is mailed once when three consumers take the same message at the same time', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_2' })
    await Promise.all([1, 2, 3].map(() => attemptSend(project.id, id, mailer.env)))
    expect(mailer.sent).toHaveLength(1)
    expect(await invitationsOf(project.id)).toHaveLength(1)
    expect((await sendRow(id))?.state).toBe('sent')
    expect((await sendsOf(project.id)).filter((s) => s.kind === 'reminder')).toHaveLength(1)
  })

  it('is not mailed again by a retried message after it was sent', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id)
    await attemptSend(project.id, id, mailer.env)
    expect(await attemptSend(project.id, id, mailer.env)).toEqual({ type: 'ack' })
    expect(mailer.sent).toHaveLength(1)
  })

  it('is retried on the schedule when the mailer refuses, reusing its one survey link', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_3' })
    mailer.refuse(1)
    const first = await attemptSend(project.id, id, mailer.env, { schedule: [0, 7, 60] })
    expect(first).toEqual({ type: 'retry', delaySeconds: 7 })
    expect(await sendRow(id)).toMatchObject({ state: 'scheduled', attempts: 1, lease_token: null })
    expect(await attemptSend(project.id, id, mailer.env)).toEqual({ type: 'ack' })
    expect(mailer.sent).toHaveLength(1)
    // The link made on the refused attempt is the one mailed: the cooldown did not stop the retry.
    expect(await invitationsOf(project.id)).toHaveLength(1)
    expect((await sendRow(id))?.state).toBe('sent')
  })

  it('goes to the dead-letter queue after its last refusal, whose handler marks it failed with the reason', async () => {
    const { project, survey } = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id)
    mailer.refuse(2)
    const schedule = [0, 1]
    expect(await attemptSend(project.id, id, mailer.env, { schedule })).toMatchObject({
      type: 'retry',
    })
    expect(await attemptSend(project.id, id, mailer.env, { schedule })).toEqual({ type: 'dead' })
    await emailSendHandler.dead({ kind: 'email-send', projectId: project.id, sendId: id }, env, {
      now: () => new Date(),
      schedule,
      fetch: () => Promise.reject(new Error('no network')),
      timeoutMs: 1,
      allowLocal: false,
    })
    expect(await sendRow(id)).toMatchObject({ state: 'failed', reason: 'mailer_refused' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('is failed with no_mailer when no send_email binding is configured', async () => {
    const { project, survey } = await setup()
    const id = await scheduleDue(project.id, survey.id)
    await attemptSend(project.id, id, { ...env, EMAIL: undefined })
    expect(await sendRow(id)).toMatchObject({ state: 'failed', reason: 'no_mailer' })
  })

  it('is ignored by a message for another project', async () => {
    const { project, survey } = await setup()
    const other = await setup()
    const mailer = fakeMailer()
    const id = await scheduleDue(project.id, survey.id)
    await attemptSend(other.project.id, id, mailer.env)
    expect(mailer.sent).toHaveLength(0)
    expect((await sendRow(id))?.state).toBe('scheduled')
  })
})

describe('enqueueDueSends', () => {
  it('enqueues each due send once across two concurrent runs, and leaves sends not yet due', async () => {
    const { project, survey } = await setup()
    const now = new Date()
    const due = await Promise.all([1, 2, 3].map(() => scheduleDue(project.id, survey.id)))
    const later = await scheduleDue(project.id, survey.id, {}, new Date(now.getTime() + 3600_000))
    const a = queueStub()
    const b = queueStub()
    await Promise.all([
      enqueueDueSends({ db: env.DB, env: { OUTBOUND: a.queue }, now }),
      enqueueDueSends({ db: env.DB, env: { OUTBOUND: b.queue }, now }),
    ])
    const ids = [...a.sent, ...b.sent].map((m) => (m.kind === 'email-send' ? m.sendId : ''))
    for (const id of due) expect(ids.filter((x) => x === id)).toHaveLength(1)
    expect(ids).not.toContain(later)
    // A third run within the claim's lease takes nothing again.
    const c = queueStub()
    await enqueueDueSends({ db: env.DB, env: { OUTBOUND: c.queue }, now })
    expect(c.sent.filter((m) => m.kind === 'email-send' && due.includes(m.sendId))).toEqual([])
  })

  it('takes a claimed send again once its claim has passed (its message was lost)', async () => {
    const { project, survey } = await setup()
    const now = new Date()
    const id = await scheduleDue(project.id, survey.id)
    await enqueueDueSends({ db: env.DB, env: { OUTBOUND: queueStub().queue }, now })
    const later = queueStub()
    await enqueueDueSends({
      db: env.DB,
      env: { OUTBOUND: later.queue },
      now: new Date(now.getTime() + 16 * 60_000),
    })
    expect(later.sent).toContainEqual({ kind: 'email-send', projectId: project.id, sendId: id })
  })
})

describe('through the every-minute cron and the local queue', () => {
  it('mails a due send through the real consumer and the Email Service simulation', async () => {
    const { project, survey } = await setup()
    const id = await scheduleDue(project.id, survey.id)
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    const row = await waitFor(async () => {
      const r = await sendRow(id)
      return r?.state === 'sent' ? r : undefined
    }, 15_000)
    expect(row.invitation_id).toEqual(expect.any(String))
    const message = await env.DB.prepare('SELECT message_id FROM email_messages WHERE send_id = ?')
      .bind(id)
      .first<string>('message_id')
    expect(message).toEqual(expect.any(String))
  })
})
