import { describe, expect, it } from 'vitest'
import { call, expectProblem, setup } from '../helpers'
import { fetchPage } from '../invitation-helpers'
import { attemptSend, fakeMailer, scheduleDue, sendRow } from '../email/helpers'

async function oneSent() {
  const { project, survey } = await setup({ texts: { da: { question: 'Vil du anbefale os?' } } })
  const mailer = fakeMailer()
  const id = await scheduleDue(project.id, survey.id, { locale: 'da-DK', email: 'kim@example.com' })
  await attemptSend(project.id, id, mailer.env)
  return { project, survey, mailer, id }
}

const unsubscribePath = (headers: Record<string, string>) =>
  new URL(/^<(https?:\/\/[^>]+)>$/.exec(headers['List-Unsubscribe']!)![1]!).pathname

describe('the survey email', () => {
  it('carries RFC 8058 one-click headers naming an unsubscribe URL that is also in its footer', async () => {
    const { mailer } = await oneSent()
    const mail = mailer.sent[0]!
    expect(mail.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const path = unsubscribePath(mail.headers!)
    expect(path).toMatch(/^\/u\/eml_[a-z0-9]+\.\d+\.[A-Za-z0-9_-]{43}$/)
    expect(mail.html).toContain(`http://kundepuls.test${path}`)
    expect(mail.text).toContain(`http://kundepuls.test${path}`)
  })

  it('holds the whole scale as links to the hosted page in the person’s language, and no image', async () => {
    const { mailer } = await oneSent()
    const mail = mailer.sent[0]!
    expect(mail.html).toContain('Vil du anbefale os?')
    expect(mail.html).toContain('lang="da"')
    const links = [...mail.html.matchAll(/href="([^"]+\?score=(\d+))"/g)].map((m) => Number(m[2]))
    expect(links).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(mail.html).not.toMatch(/<img/i)
    expect(mail.html).toContain('prefers-color-scheme: dark')
    expect(mail.html).toContain('<meta name="color-scheme" content="light dark">')
    expect(mail.text).toMatch(/^9: http:\/\/kundepuls\.test\/s\/.+\?score=9$/m)
  })
})

describe('GET/POST /u/:token', () => {
  it('shows a button on GET and changes nothing; POST unsubscribes the address', async () => {
    const { project, mailer, id } = await oneSent()
    const path = unsubscribePath(mailer.sent[0]!.headers!)
    const page = await fetchPage(path)
    expect(page.status).toBe(200)
    expect(page.html).toContain('<form method="post"')
    let list = await call('GET', '/v1/suppressions', { token: project.secretKey })
    expect(list.json.data).toEqual([])
    const done = await fetchPage(path, { method: 'POST' })
    expect(done.status).toBe(200)
    expect(done.html).toContain('Du er afmeldt')
    list = await call('GET', '/v1/suppressions', { token: project.secretKey })
    expect(list.json.data).toEqual([
      expect.objectContaining({
        reason: 'unsubscribed',
        emailHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ])
    expect(JSON.stringify(list.json)).not.toContain('kim@')
    expect((await sendRow(id))?.state).toBe('sent')
  })

  it('refuses a tampered or unknown token and unsubscribes nobody', async () => {
    const { project, mailer } = await oneSent()
    const path = unsubscribePath(mailer.sent[0]!.headers!)
    const tampered = path.replace(/\.(\d+)\./, (_, n) => `.${Number(n) + 1}.`)
    expect((await fetchPage(tampered, { method: 'POST' })).status).toBe(404)
    expect((await fetchPage('/u/nonsense', { method: 'POST' })).status).toBe(404)
    const list = await call('GET', '/v1/suppressions', { token: project.secretKey })
    expect(list.json.data).toEqual([])
  })
})

describe('GET /v1/email/sends', () => {
  it('lists sends with their state and reason, filters by state, and pages with a cursor', async () => {
    const { project, survey, id } = await oneSent()
    await call('POST', '/v1/suppressions', {
      token: project.secretKey,
      body: { addresses: ['no@example.com'] },
    })
    const blocked = await scheduleDue(project.id, survey.id, { email: 'no@example.com' })
    await attemptSend(project.id, blocked, fakeMailer().env)
    const all = await call('GET', '/v1/email/sends?limit=2', { token: project.secretKey })
    expect(all.status, all.text).toBe(200)
    expect(all.json.data).toHaveLength(2)
    expect(all.json.nextCursor).toEqual(expect.any(String))
    const next = await call('GET', `/v1/email/sends?limit=2&cursor=${all.json.nextCursor}`, {
      token: project.secretKey,
    })
    expect(next.json.data).toHaveLength(1)
    const suppressed = await call('GET', '/v1/email/sends?state=suppressed', {
      token: project.secretKey,
    })
    expect(suppressed.json.data).toEqual([
      expect.objectContaining({ id: blocked, state: 'suppressed', reason: 'imported' }),
    ])
    const one = await call('GET', `/v1/email/sends/${id}`, { token: project.secretKey })
    expect(one.json).toMatchObject({ id, state: 'sent', message: { to: 'kim@example.com' } })
    expect(one.json.message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(one.json.message.html).toContain('<table')
    expect(one.json.message.text).toContain('?score=10')
  })

  it('does not show another project’s send, and refuses a bad state', async () => {
    const { id } = await oneSent()
    const other = await setup()
    expectProblem(
      await call('GET', `/v1/email/sends/${id}`, { token: other.project.secretKey }),
      404,
      'not_found',
    )
    expectProblem(
      await call('GET', '/v1/email/sends?state=lost', { token: other.project.secretKey }),
      400,
      'validation_failed',
    )
  })
})

describe('GET /v1/email/preview', () => {
  it('renders the email in the asked locale with the survey’s texts, and 404 for an unknown survey', async () => {
    const { project, survey } = await setup({ kind: 'ces' })
    const res = await call('GET', `/v1/email/preview?surveyId=${survey.id}&locale=de`, {
      token: project.secretKey,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json.subject).toBe('Eine kurze Frage von Acme')
    expect(res.json.locale).toBe('de')
    const scores = [...res.json.html.matchAll(/\?score=(\d+)"/g)].map((m: string[]) => Number(m[1]))
    expect(scores).toEqual([1, 2, 3, 4, 5, 6, 7])
    expectProblem(
      await call('GET', '/v1/email/preview?surveyId=srv_none', { token: project.secretKey }),
      404,
    )
  })
})

describe('POST /v1/suppressions', () => {
  it('refuses an invalid address and stores nothing', async () => {
    const { project } = await setup()
    expectProblem(
      await call('POST', '/v1/suppressions', {
        token: project.secretKey,
        body: { addresses: ['not-an-address'] },
      }),
      400,
      'validation_failed',
    )
    const list = await call('GET', '/v1/suppressions', { token: project.secretKey })
    expect(list.json.data).toEqual([])
  })
})

describe('/dev', () => {
  it('answers 404 when the dev flag is not set', async () => {
    expectProblem(await call('GET', '/dev/mail'), 404, 'not_found')
    expectProblem(await call('POST', '/dev/cron'), 404, 'not_found')
  })
})
