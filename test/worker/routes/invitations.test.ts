import { env, SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../../schema/i18n'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { call, createProject, createSurvey, expectProblem, setup } from '../helpers'
import { invite } from '../invitation-helpers'
import { DAY_MS } from '../../../schema/constants'

const linksFor = async (projectId: string, customerId: string) =>
  (await env.DB.prepare(
    'SELECT count(*) AS n FROM invitations WHERE project_id = ? AND customer_id = ?',
  )
    .bind(projectId, customerId)
    .first<{ n: number }>())!.n
const scoreLinks = (html: string) => [...html.matchAll(/href="([^"]+)\?score=(\d+)"/g)]

describe('POST /v1/invitations', () => {
  it('answers a signed, URL-safe link, its expiry and an email snippet with one link per score', async () => {
    const { project, survey } = await setup()
    const before = Date.now()
    const res = await call('POST', '/v1/invitations', {
      token: project.secretKey,
      body: { surveyId: survey.id, ref: 'T-1', customerId: 'cus_1' },
    })
    expect(res.status, res.text).toBe(201)
    const { url, expiresAt, emailHtml, emailText } = res.json
    expect(url).toMatch(/^http:\/\/kundepuls\.test\/s\/[A-Za-z0-9_-]{71}$/)
    const expiry = Date.parse(expiresAt)
    expect(expiry).toBeGreaterThan(before + 30 * DAY_MS - 2000)
    expect(expiry).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS)
    const links = scoreLinks(emailHtml)
    expect(links.map((m) => Number(m[2]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(new Set(links.map((m) => m[1]))).toEqual(new Set([url]))
    expect(emailHtml).toMatch(/^<table role="presentation"/)
    expect(emailHtml).toContain(MESSAGES.en.question.nps)
    expect(emailText).toContain(MESSAGES.en.question.nps)
    expect(emailText).toContain(url)
  })

  it('has as many score links as the survey scale: seven for CES, five for CSAT', async () => {
    const project = await createProject()
    const ces = await createSurvey(project.secretKey, { kind: 'ces' })
    const csat = await createSurvey(project.secretKey, { kind: 'csat' })
    const a = await invite(project.secretKey, { surveyId: ces.id })
    const b = await invite(project.secretKey, { surveyId: csat.id })
    expect(scoreLinks(a.emailHtml).map((m) => Number(m[2]))).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(scoreLinks(b.emailHtml).map((m) => Number(m[2]))).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps the ticket ref, customer and properties out of the URL', async () => {
    const { project, survey } = await setup()
    const { url } = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'TICKET-4711',
      customerId: 'ann@example.com',
      properties: { agent: 'Bob' },
    })
    const token = new URL(url).pathname.split('/')[2]
    const decoded = atob(token.replace(/-/g, '+').replace(/_/g, '/'))
    for (const text of ['TICKET-4711', 'ann@example.com', 'Bob']) {
      expect(url).not.toContain(text)
      expect(decoded).not.toContain(text)
    }
  })

  it('writes the snippet in the invitation locale, with the survey own wording first', async () => {
    const { project, survey } = await setup({
      texts: { de: { question: 'Würden Sie Acme empfehlen?' } },
    })
    const de = await invite(project.secretKey, { surveyId: survey.id, locale: 'de-AT' })
    expect(de.emailHtml).toContain('Würden Sie Acme empfehlen?')
    expect(de.emailHtml).toContain(MESSAGES.de.lowLabel.nps)
    const ar = await invite(project.secretKey, { surveyId: survey.id, locale: 'ar' })
    expect(ar.emailHtml).toContain('dir="rtl"')
    expect(ar.emailHtml).toContain(MESSAGES.ar.question.nps)
  })

  it('escapes survey texts in the email snippet', async () => {
    const evil = '<img src=x onerror=alert(1)> & "quoted"'
    const { project, survey } = await setup({ texts: { en: { question: evil } } })
    const { emailHtml, emailText } = await invite(project.secretKey, { surveyId: survey.id })
    expect(emailHtml).not.toContain('<img')
    expect(emailHtml).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;')
    expect(emailText).toContain(evil)
  })

  it('needs the secret key of the survey project', async () => {
    const { project, survey } = await setup()
    const other = await createProject('Other')
    const body = { surveyId: survey.id, ref: 'T-1' }
    expectProblem(await call('POST', '/v1/invitations', { body }), 401)
    expectProblem(
      await call('POST', '/v1/invitations', { token: project.publishableKey, body }),
      403,
    )
    expectProblem(
      await call('POST', '/v1/invitations', { token: other.secretKey, body }),
      404,
      'not_found',
    )
    expectProblem(
      await call('POST', '/v1/invitations', {
        token: project.secretKey,
        body: { ...body, surveyId: 'srv_nope' },
      }),
      404,
    )
  })

  it('refuses invalid fields with the failing field named', async () => {
    const { project, survey } = await setup()
    const post = (extra: Record<string, unknown>) =>
      call('POST', '/v1/invitations', {
        token: project.secretKey,
        body: { surveyId: survey.id, ref: 'T-1', ...extra },
      })
    expectProblem(await post({ expiresInDays: 366 }), 400, 'validation_failed', 'expiresInDays')
    expectProblem(await post({ expiresInDays: 0 }), 400, 'validation_failed', 'expiresInDays')
    expectProblem(await post({ ref: undefined }), 400, 'validation_failed', 'ref')
    expectProblem(await post({ ref: 'x'.repeat(65) }), 400, 'validation_failed', 'ref')
    expectProblem(await post({ email: 'not-an-email' }), 400, 'validation_failed', 'email')
    expectProblem(await post({ properties: { nested: { a: 1 } } }), 400, 'validation_failed')
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))
    expectProblem(await post({ properties: many }), 400, 'validation_failed', 'properties')
    expectProblem(await post({ unknown: 1 }), 400, 'validation_failed')
  })

  it('accepts an expiry of up to a year', async () => {
    const { project, survey } = await setup()
    const { expiresAt } = await invite(project.secretKey, {
      surveyId: survey.id,
      expiresInDays: 365,
    })
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 364 * DAY_MS)
  })
})

describe('POST /v1/invitations and the contact ledger', () => {
  it('refuses a link for a customer who answered within throttleDays, on any channel', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const first = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-1',
      customerId: 'cus_busy',
    })
    await SELF.fetch(first.url, { method: 'POST', body: new URLSearchParams({ score: '8' }) })
    // The answer is the latest contact now, so it decides until when the customer is left alone.
    const res = await call('POST', '/v1/invitations', {
      token: project.secretKey,
      body: { surveyId: survey.id, ref: 'T-3', customerId: 'cus_busy' },
    })
    expectProblem(res, 409, 'customer_throttled')
    expect(res.json.detail).toMatch(/answered .* ask again from \d{4}-\d\d-\d\dT/)
    // Anonymous links and other customers are not throttled.
    await invite(project.secretKey, { surveyId: survey.id, ref: 'T-3' })
    await invite(project.secretKey, { surveyId: survey.id, ref: 'T-3', customerId: 'cus_other' })
  })

  it("refuses a link within the project's cooldown even when the survey has throttleDays 0", async () => {
    const { project, survey } = await setup({ throttleDays: 0 })
    const sibling = await createSurvey(project.secretKey, { throttleDays: 0, kind: 'ces' })
    const first = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-1',
      customerId: 'cus_cool',
    })
    await SELF.fetch(first.url, { method: 'POST', body: new URLSearchParams({ score: '8' }) })
    const again = await call('POST', '/v1/invitations', {
      token: project.secretKey,
      body: { surveyId: sibling.id, ref: 'T-2', customerId: 'cus_cool' },
    })
    expectProblem(again, 409, 'customer_throttled')
    expect(again.json.detail).toMatch(/answered a survey within .*cooldownDays; ask again from/)
    const next = Date.parse(again.json.detail.match(/from (\S+)\./)[1])
    expect(Math.round((next - Date.now()) / DAY_MS)).toBe(14)
    // Nothing was stored for the refused call.
    const links = await env.DB.prepare('SELECT count(*) AS n FROM invitations WHERE project_id = ?')
      .bind(project.id)
      .first<{ n: number }>()
    expect(links).toEqual({ n: 1 })
  })

  it('does not throttle when the survey has throttleDays 0 and cooldownDays 0', async () => {
    const { project, survey } = await setup({ throttleDays: 0, cooldownDays: 0 })
    const first = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-1',
      customerId: 'cus_often',
    })
    await SELF.fetch(first.url, { method: 'POST', body: new URLSearchParams({ score: '8' }) })
    await invite(project.secretKey, { surveyId: survey.id, ref: 'T-2', customerId: 'cus_often' })
    await invite(project.secretKey, { surveyId: survey.id, ref: 'T-3', customerId: 'cus_often' })
    const links = await env.DB.prepare('SELECT count(*) AS n FROM invitations WHERE survey_id = ?')
      .bind(survey.id)
      .first<{ n: number }>()
    expect(links).toEqual({ n: 3 })
  })

  it('refuses a second link for a customer who was sent one within throttleDays, unless forced', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    await invite(project.secretKey, { surveyId: survey.id, ref: 'T-1', customerId: 'cus_twice' })
    const again = await call('POST', '/v1/invitations', {
      token: project.secretKey,
      body: { surveyId: survey.id, ref: 'T-2', customerId: 'cus_twice' },
    })
    expectProblem(again, 409, 'customer_throttled')
    expect(again.json.detail).toMatch(/was invited .* ask again from \d{4}-\d\d-\d\dT/)
    const forced = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-2',
      customerId: 'cus_twice',
      force: true,
    })
    expect(forced.url).toMatch(/\/s\/[A-Za-z0-9_-]{71}$/)
    // "force": false is the default, spelled out.
    expectProblem(
      await call('POST', '/v1/invitations', {
        token: project.secretKey,
        body: { surveyId: survey.id, ref: 'T-3', customerId: 'cus_twice', force: false },
      }),
      409,
      'customer_throttled',
    )
    expectProblem(
      await call('POST', '/v1/invitations', {
        token: project.secretKey,
        body: { surveyId: survey.id, ref: 'T-3', customerId: 'cus_twice', force: 'yes' },
      }),
      400,
      'validation_failed',
      'force',
    )
    expect(await linksFor(project.id, 'cus_twice')).toBe(2)
  })

  it('creates exactly one link when ten calls for one customer race each other', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    // Warm every code path first, so that the ten calls below really overlap (checked: a
    // check-then-insert version of createInvitation creates several links here).
    await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_warm' })
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('POST', '/v1/invitations', {
          token: project.secretKey,
          body: { surveyId: survey.id, ref: `T-${i}`, customerId: 'cus_race' },
        }),
      ),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409])
    for (const r of results.filter((r) => r.status === 409)) {
      expectProblem(r, 409, 'customer_throttled')
    }
    expect(await linksFor(project.id, 'cus_race')).toBe(1)
  })

  it('does not throttle another customer, another project or a survey with throttleDays and cooldownDays 0', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    const other = await setup({ throttleDays: 30 })
    const never = await createSurvey(project.secretKey, { throttleDays: 0, cooldownDays: 0 })
    await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_1' })
    const same = { surveyId: survey.id, ref: 'T-2', customerId: 'cus_1' }
    expectProblem(
      await call('POST', '/v1/invitations', { token: project.secretKey, body: same }),
      409,
      'customer_throttled',
    )
    await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_2' })
    await invite(other.project.secretKey, { surveyId: other.survey.id, customerId: 'cus_1' })
    await invite(project.secretKey, { surveyId: never.id, customerId: 'cus_1' })
    await invite(project.secretKey, { surveyId: never.id, customerId: 'cus_1' })
    expect(await linksFor(project.id, 'cus_1')).toBe(3)
    expect(await linksFor(other.project.id, 'cus_1')).toBe(1)
  })

  it('makes the invited customer ineligible for the widget of the same project', async () => {
    const { project, survey } = await setup({ throttleDays: 30 })
    await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_both' })
    // Signed, as the widget's server-side ledger is for signed customers (docs/widget.md).
    const customerHash = await hmacSha256Hex(project.identitySecret, 'cus_both')
    const res = await call('POST', `/v1/public/surveys/${survey.id}/eligibility`, {
      body: { customerId: 'cus_both', customerHash },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json.eligible).toBe(false)
  })

  it('documents the force flag in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    const schema = doc.components.schemas.InvitationCreate
    expect(schema.properties.force).toMatchObject({ type: 'boolean' })
    expect(schema.required ?? []).not.toContain('force')
  })
})
