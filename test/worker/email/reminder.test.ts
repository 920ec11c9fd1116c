import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, setup } from '../helpers'
import { fetchPage, openPage, sendForm } from '../invitation-helpers'
import { attemptSend, fakeMailer, scheduleDue, scoreLink, sendRow, sendsOf } from './helpers'

const DAY = 86_400_000

async function sentOnce(reminderAfterDays = 3) {
  const { project, survey } = await setup()
  const mailer = fakeMailer()
  const id = await scheduleDue(project.id, survey.id, { customerId: 'cus_r', reminderAfterDays })
  await attemptSend(project.id, id, mailer.env)
  const reminder = (await sendsOf(project.id)).find((s) => s.kind === 'reminder')
  return { project, survey, mailer, id, reminder }
}

describe('the one reminder', () => {
  it('goes to a person who has not answered, with the same survey link and its own subject', async () => {
    const { project, mailer, reminder } = await sentOnce()
    expect(reminder).toBeDefined()
    await attemptSend(project.id, reminder!.id, mailer.env, { now: new Date(Date.now() + 3 * DAY) })
    expect(mailer.sent).toHaveLength(2)
    expect(mailer.sent[1]!.subject).toBe('Reminder: a quick question from Acme')
    expect(scoreLink(mailer.sent[1]!, 9).pathname).toBe(scoreLink(mailer.sent[0]!, 9).pathname)
    expect((await sendRow(reminder!.id))?.state).toBe('sent')
    // Never a second: sending the reminder schedules nothing more.
    expect(await sendsOf(project.id)).toHaveLength(2)
  })

  it('is cancelled by an answer through the email link, which marks the send answered', async () => {
    const { project, survey, mailer, id, reminder } = await sentOnce()
    const link = scoreLink(mailer.sent[0]!, 9)
    // Opening the link (a mail scanner does) records nothing and changes no state.
    expect((await openPage(link.pathname + link.search)).status).toBe(200)
    expect((await sendRow(id))?.state).toBe('sent')
    const answered = await sendForm(link.pathname, { score: '9' })
    expect(answered.status).toBe(200)
    expect((await sendRow(id))?.state).toBe('answered')
    expect(await sendRow(reminder!.id)).toMatchObject({ state: 'cancelled', reason: 'answered' })
    await attemptSend(project.id, reminder!.id, mailer.env)
    expect(mailer.sent).toHaveLength(1)
    const res = await call('GET', `/v1/responses?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(res.json.data).toHaveLength(1)
    // The API says what carried the link: a link answer, by email.
    expect(res.json.data[0]).toMatchObject({ channel: 'link', linkChannel: 'email' })
    // It counts under the email channel (the channel that carried its link).
    const channel = await env.DB.prepare('SELECT link_channel FROM responses WHERE survey_id = ?')
      .bind(survey.id)
      .first<string>('link_channel')
    expect(channel).toBe('email')
  })

  it('is not sent to a person who unsubscribed in one click', async () => {
    const { project, mailer, reminder } = await sentOnce()
    const header = mailer.sent[0]!.headers!['List-Unsubscribe']!
    const url = new URL(/^<(.+)>$/.exec(header)![1]!)
    const res = await fetchPage(url.pathname, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(200)
    expect(await sendRow(reminder!.id)).toMatchObject({
      state: 'cancelled',
      reason: 'unsubscribed',
    })
    await attemptSend(project.id, reminder!.id, mailer.env)
    expect(mailer.sent).toHaveLength(1)
  })

  it('is not scheduled when reminderAfterDays is 0', async () => {
    const { reminder } = await sentOnce(0)
    expect(reminder).toBeUndefined()
  })
})
