import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../../schema/i18n'
import { findInvitation } from '../../../worker/db/invitations'
import { parseLinkToken, signLinkToken } from '../../../worker/lib/link-token'
import { createInvitation } from '../../../worker/services/invitations'
import { call, contextOf, createProject, createSurvey, setup } from '../helpers'
import {
  fetchPage,
  invite,
  listResponses,
  openPage,
  scoreInputs,
  sendForm,
} from '../invitation-helpers'
import { DAY_MS } from '../../../schema/constants'

const count = async (surveyId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE survey_id = ?')
    .bind(surveyId)
    .first<{ n: number }>())!.n

const tokenOf = (path: string) => path.split('/')[2]

describe('GET /s/:token', () => {
  it('renders a plain form: radio scores 0–10, a reason, a send button, under a strict CSP', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    const page = await openPage(path)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.html.startsWith('<!doctype html><html lang="en" dir="ltr">')).toBe(true)
    expect(page.html).toContain(`<form id="kp-form" method="post" action="${path}">`)
    expect(scoreInputs(page.html)).toEqual({
      values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      checked: [],
    })
    expect(page.html).toMatch(/<textarea[^>]*name="reason"/)
    expect(page.html).toMatch(/<button type="submit">Send<\/button>/)
    expect(page.html).toContain(MESSAGES.en.question.nps)
    const csp = page.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/)
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*';/)
    expect(csp).not.toContain('unsafe')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
  })

  it('hashes exactly the inline style and script it serves', async () => {
    const { project, survey } = await setup()
    const page = await openPage((await invite(project.secretKey, { surveyId: survey.id })).path)
    const csp = page.headers.get('content-security-policy')!
    const inline = [...page.html.matchAll(/<(style|script)>([\s\S]*?)<\/\1>/g)]
    expect(inline.map((m) => m[1])).toEqual(['style', 'script'])
    for (const [, tag, body] of inline) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
      const hash = btoa(String.fromCharCode(...new Uint8Array(digest)))
      expect(csp).toContain(`${tag}-src 'sha256-${hash}'`)
    }
  })

  it('preselects ?score=N but records nothing: a GET never writes', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_1' })
    for (const n of [0, 7, 10]) {
      const page = await openPage(`${path}?score=${n}`)
      expect(page.status).toBe(200)
      expect(scoreInputs(page.html).checked).toEqual([n])
    }
    for (const bad of ['11', '-1', 'abc', '7.5', '']) {
      expect(scoreInputs((await openPage(`${path}?score=${bad}`)).html).checked).toEqual([])
    }
    const head = await openPage(`${path}?score=9`, {})
    expect(head.status).toBe(200)
    expect(await count(survey.id)).toBe(0)
    expect(await listResponses(project.secretKey, survey.id)).toEqual([])
  })

  it('keeps the prompt neutral for a preselected score, with each category prompt ready for the script', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    const { html } = await openPage(`${path}?score=9`)
    const prompt = html.match(/<label id="kp-prompt"[^>]*>([^<]*)<\/label>/)!
    // Without JavaScript the customer may still change 9 to 3 before Send.
    expect(prompt[1]).toBe(MESSAGES.en.reasonPlaceholder)
    expect(prompt[0]).not.toContain(`>${MESSAGES.en.followUp.promoter}<`)
    expect(prompt[0]).toContain(`data-promoter="${MESSAGES.en.followUp.promoter}"`)
    expect(prompt[0]).toContain('data-detractor=')
  })

  it('shows seven scores for CES and five for CSAT', async () => {
    const project = await createProject()
    for (const [kind, values] of [
      ['ces', [1, 2, 3, 4, 5, 6, 7]],
      ['csat', [1, 2, 3, 4, 5]],
    ] as const) {
      const survey = await createSurvey(project.secretKey, { kind })
      const page = await openPage((await invite(project.secretKey, { surveyId: survey.id })).path)
      expect(scoreInputs(page.html).values).toEqual(values)
      expect(page.html).toContain(MESSAGES.en.question[kind])
    }
  })

  it('speaks the invitation locale, right to left where needed, with the survey own wording', async () => {
    const { project, survey } = await setup({
      texts: { da: { question: 'Vil du anbefale Acme?' } },
    })
    const da = await openPage(
      (await invite(project.secretKey, { surveyId: survey.id, locale: 'da' })).path,
    )
    expect(da.html).toContain('<html lang="da" dir="ltr">')
    expect(da.html).toContain('Vil du anbefale Acme?')
    expect(da.html).toContain(`>${MESSAGES.da.send}</button>`)
    const he = await openPage(
      (await invite(project.secretKey, { surveyId: survey.id, locale: 'he' })).path,
    )
    expect(he.html).toContain('<html lang="he" dir="rtl">')
    // Without a locale in the invitation, the browser's languages decide.
    const none = (await invite(project.secretKey, { surveyId: survey.id })).path
    const sv = await openPage(none, { 'accept-language': 'xx, sv;q=0.9, de;q=0.5' })
    expect(sv.html).toContain('<html lang="sv" dir="ltr">')
  })
})

describe('POST /s/:token', () => {
  it('records the answer with the ticket data of the link, channel link, then thanks', async () => {
    const { project, survey } = await setup({ reviewUrl: 'https://reviews.example/acme' })
    const { path } = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-4711',
      customerId: 'cus_9',
      email: 'ann@example.com',
      properties: { agent: 'bob', priority: 2, vip: true },
      locale: 'de',
    })
    const res = await sendForm(path, { score: '4', reason: '  Too slow  ', contactConsent: 'yes' })
    expect(res.status).toBe(200)
    expect(res.html).toContain(MESSAGES.de.thankYou)
    expect(res.html).toContain('href="https://reviews.example/acme"')
    const [row, ...rest] = await listResponses(project.secretKey, survey.id)
    expect(rest).toEqual([])
    expect(row).toMatchObject({
      score: 4,
      category: 'detractor',
      reason: 'Too slow',
      touchpoint: 'support',
      ref: 'T-4711',
      customerId: 'cus_9',
      email: 'ann@example.com',
      properties: { agent: 'bob', priority: 2, vip: true },
      locale: 'de',
      channel: 'link',
      contactConsent: true,
    })
  })

  it('updates the same answer when the link is used again, with or without a customer id', async () => {
    const { project, survey } = await setup()
    for (const customerId of [undefined, 'cus_2']) {
      const { path } = await invite(project.secretKey, {
        surveyId: survey.id,
        ref: `T-${customerId}`,
        customerId,
      })
      expect((await sendForm(path, { score: '3' })).status).toBe(200)
      const first = (await listResponses(project.secretKey, survey.id)).find(
        (r) => r.ref === `T-${customerId}`,
      )!
      expect((await sendForm(path, { score: '10', reason: 'Solved after all' })).status).toBe(200)
      const rows = (await listResponses(project.secretKey, survey.id)).filter(
        (r) => r.ref === `T-${customerId}`,
      )
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        id: first.id,
        score: 10,
        category: 'promoter',
        reason: 'Solved after all',
      })
      expect(rows[0].answeredAt >= first.answeredAt).toBe(true)
    }
    expect(await count(survey.id)).toBe(2)
  })

  it('keeps one answer per survey, customer and ticket across two links for the same ticket', async () => {
    const { project, survey } = await setup()
    const a = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-7',
      customerId: 'cus_7',
    })
    // A second link for the same customer within throttleDays needs force (the contact ledger).
    const b = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: 'T-7',
      customerId: 'cus_7',
      force: true,
    })
    await sendForm(a.path, { score: '2' })
    await sendForm(b.path, { score: '8' })
    const rows = await listResponses(project.secretKey, survey.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 8, category: 'passive' })
  })

  it('offers contact consent only on a link that knows how to reach the person, and stores none without', async () => {
    const { project, survey } = await setup()
    const anonymous = await invite(project.secretKey, { surveyId: survey.id })
    expect((await openPage(anonymous.path)).html).not.toContain('name="contactConsent"')
    await sendForm(anonymous.path, { score: '2', contactConsent: 'yes' })
    expect((await listResponses(project.secretKey, survey.id))[0]).toMatchObject({
      contactConsent: false,
    })
    for (const who of [{ customerId: 'cus_5' }, { email: 'ann@example.com' }]) {
      const { path } = await invite(project.secretKey, { surveyId: survey.id, ...who })
      expect((await openPage(path)).html).toContain('name="contactConsent"')
    }
  })

  it('shows the stored answer when the link is opened again, and ?score=N still wins', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id, email: 'a@b.example' })
    await sendForm(path, { score: '6', reason: 'Meh', contactConsent: 'yes' })
    const again = await openPage(path)
    expect(scoreInputs(again.html).checked).toEqual([6])
    expect(again.html).toMatch(/<textarea[^>]*>Meh<\/textarea>/)
    expect(again.html).toMatch(/<input type="checkbox" name="contactConsent" value="yes" checked/)
    expect(scoreInputs((await openPage(`${path}?score=9`)).html).checked).toEqual([9])
  })

  it('answers a score off the scale with a 400 form and records nothing', async () => {
    const project = await createProject()
    const nps = await createSurvey(project.secretKey, { kind: 'nps' })
    const ces = await createSurvey(project.secretKey, { kind: 'ces' })
    const npsLink = await invite(project.secretKey, { surveyId: nps.id })
    const cesLink = await invite(project.secretKey, { surveyId: ces.id })
    const cases: [string, Record<string, string>][] = [
      [npsLink.path, { score: '11' }],
      [npsLink.path, { score: '-1' }],
      [npsLink.path, { score: '5.5' }],
      [npsLink.path, { score: 'ten' }],
      [npsLink.path, { reason: 'no score' }],
      [cesLink.path, { score: '0' }],
      [cesLink.path, { score: '8' }],
    ]
    for (const [path, fields] of cases) {
      const res = await sendForm(path, fields)
      expect(res.status, JSON.stringify(fields)).toBe(400)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.html).toContain('role="alert"')
      expect(res.html).toContain(MESSAGES.en.chooseScore)
    }
    const json = await sendForm(npsLink.path, {}, {})
    expect(json.status).toBe(400)
    expect(await count(nps.id)).toBe(0)
    expect(await count(ces.id)).toBe(0)
  })

  it('refuses a reason over 2,000 characters and a body over 16 KB, recording nothing', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    expect((await sendForm(path, { score: '9', reason: 'x'.repeat(2001) })).status).toBe(400)
    const big = await sendForm(path, { score: '9', reason: 'x'.repeat(17 * 1024) })
    expect(big.status).toBe(413)
    expect(big.headers.get('content-type')).toContain('text/html')
    expect(await count(survey.id)).toBe(0)
  })

  it('answers a body that is no readable form (broken multipart) with a 400 page, not a 500', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    const res = await fetchPage(path, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'score=9',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await count(survey.id)).toBe(0)
  })

  it('accepts a link answer with a customer id in a project that requires signed identity', async () => {
    const project = await createProject('Strict', { requireSignedIdentity: true })
    const survey = await createSurvey(project.secretKey)
    const { path } = await invite(project.secretKey, {
      surveyId: survey.id,
      customerId: 'cus_strict',
    })
    expect((await sendForm(path, { score: '9' })).status).toBe(200)
    expect(await listResponses(project.secretKey, survey.id)).toMatchObject([
      { customerId: 'cus_strict' },
    ])
  })

  it('offers the referral link to promoters only and the review link to everyone', async () => {
    const { project, survey } = await setup({
      referralUrl: 'https://acme.example/refer',
      reviewUrl: 'https://reviews.example/acme',
    })
    const promoter = await sendForm(
      (await invite(project.secretKey, { surveyId: survey.id })).path,
      { score: '10' },
    )
    expect(promoter.html).toContain('href="https://acme.example/refer"')
    expect(promoter.html).toContain('href="https://reviews.example/acme"')
    const detractor = await sendForm(
      (await invite(project.secretKey, { surveyId: survey.id })).path,
      { score: '2' },
    )
    expect(detractor.html).not.toContain('https://acme.example/refer')
    expect(detractor.html).toContain('href="https://reviews.example/acme"')
  })
})

describe('what a mail scanner can do to a link', () => {
  const later = () => new Promise((r) => setTimeout(r, 5))

  /** What scanners do: open every score link of the email, GET, HEAD and prefetch. */
  async function scan(path: string) {
    for (let n = 0; n <= 10; n++) {
      expect((await openPage(`${path}?score=${n}`)).status).toBe(200)
      expect((await fetchPage(`${path}?score=${n}`, { method: 'HEAD' })).status).toBe(200)
      const prefetch = { 'sec-purpose': 'prefetch', purpose: 'prefetch' }
      expect((await openPage(`${path}?score=${n}`, prefetch)).status).toBe(200)
    }
    expect((await openPage(path)).status).toBe(200)
  }

  it('opening a link with or without ?score records and re-dates nothing; the same score sent again keeps answeredAt', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_s' })
    await scan(path)
    expect(await count(survey.id)).toBe(0)
    expect((await sendForm(path, { score: '3', reason: 'Slow' })).status).toBe(200)
    const [first] = await listResponses(project.secretKey, survey.id)
    await later()
    await scan(path)
    // Not a field changed, not even updatedAt.
    expect(await listResponses(project.secretKey, survey.id)).toEqual([first])
    await later()
    // Send again with the same score (say, after adding to the reason): answeredAt stays.
    expect((await sendForm(path, { score: '3', reason: 'Slow, but solved' })).status).toBe(200)
    const again = await listResponses(project.secretKey, survey.id)
    expect(again).toHaveLength(1)
    expect(again[0]).toMatchObject({
      id: first.id,
      score: 3,
      reason: 'Slow, but solved',
      answeredAt: first.answeredAt,
      createdAt: first.createdAt,
    })
    expect(again[0].updatedAt > first.updatedAt).toBe(true)
  })

  it('a changed score replaces the answer and re-dates it, then the same score keeps the new date', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id, customerId: 'cus_c' })
    await sendForm(path, { score: '3' })
    const [first] = await listResponses(project.secretKey, survey.id)
    await later()
    await sendForm(path, { score: '8' })
    const [changed] = await listResponses(project.secretKey, survey.id)
    expect(changed).toMatchObject({ id: first.id, score: 8, category: 'passive' })
    expect(changed.answeredAt > first.answeredAt).toBe(true)
    await later()
    await sendForm(path, { score: '8', reason: 'Fine in the end', contactConsent: 'yes' })
    const rows = await listResponses(project.secretKey, survey.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      score: 8,
      reason: 'Fine in the end',
      contactConsent: true,
      answeredAt: changed.answeredAt,
    })
    // The figures count the one answer once, with its latest score.
    const metrics = await call('GET', `/v1/metrics?surveyId=${survey.id}`, {
      token: project.secretKey,
    })
    expect(metrics.json).toMatchObject({ total: 1, passives: 1, detractors: 0 })
  })
})

describe('links that cannot be answered', () => {
  it('answers a tampered token with 400 and an unknown one with 404, recording nothing', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    const token = tokenOf(path)
    const flip = (i: number) =>
      token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)
    // Changing the MAC or the expiry keeps the invitation id: the row is found, the MAC fails.
    for (const tampered of [flip(70), flip(40), flip(25)]) {
      for (const res of [
        await openPage(`/s/${tampered}?score=9`),
        await sendForm(`/s/${tampered}`, { score: '9' }),
      ]) {
        expect(res.status).toBe(400)
        expect(res.headers.get('content-type')).toContain('text/html')
        expect(res.html).toContain(MESSAGES.en.linkInvalid)
        expect(res.html).not.toContain('<form')
      }
    }
    // Changing the invitation id names no invitation.
    expect((await sendForm(`/s/${flip(5)}`, { score: '9' })).status).toBe(404)
    for (const junk of ['abc', token.slice(0, 70), `${token}A`, '%3Cscript%3E']) {
      expect((await sendForm(`/s/${junk}`, { score: '9' })).status).toBe(400)
    }
    expect(await count(survey.id)).toBe(0)
  })

  it('refuses a token for this invitation signed with another project secret', async () => {
    const { project, survey } = await setup()
    const other = await createProject('Other')
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    const parsed = parseLinkToken(tokenOf(path))!
    const inv = (await findInvitation(env.DB, parsed.invitationId))!
    const otherSecret = (await env.DB.prepare('SELECT link_secret FROM projects WHERE id = ?')
      .bind(other.id)
      .first<{ link_secret: string }>())!.link_secret
    const claims = {
      projectId: inv.project_id,
      surveyId: inv.survey_id,
      touchpoint: inv.touchpoint,
      ref: inv.ref,
      customerId: inv.customer_id,
      email: inv.email,
      properties: inv.properties,
      locale: inv.locale,
    }
    // Sanity: the same construction with the right secret gives the real token.
    expect(await signLinkToken(inv.link_secret, inv.id, parsed.expiresAt, claims)).toBe(
      tokenOf(path),
    )
    const foreign = await signLinkToken(otherSecret, inv.id, parsed.expiresAt, claims)
    expect((await sendForm(`/s/${foreign}`, { score: '9' })).status).toBe(400)
    // Claiming another project for the invitation does not help either.
    const moved = await signLinkToken(otherSecret, inv.id, parsed.expiresAt, {
      ...claims,
      projectId: other.id,
    })
    expect((await sendForm(`/s/${moved}`, { score: '9' })).status).toBe(400)
    expect(await count(survey.id)).toBe(0)
  })

  it('answers an expired link with a friendly 410 page in its locale and records nothing', async () => {
    const { project, survey } = await setup()
    // The injected clock: the invitation was made 31 days ago with the default 30 days.
    const made = await createInvitation(
      contextOf(project.id, new Date(Date.now() - 31 * DAY_MS)),
      { surveyId: survey.id, touchpoint: 'support', ref: 'T-old', locale: 'fr', expiresInDays: 30 },
      'http://kundepuls.test',
    )
    if (!made.ok) throw new Error(made.detail)
    const path = new URL(made.invitation.url).pathname
    for (const res of [await openPage(`${path}?score=10`), await sendForm(path, { score: '10' })]) {
      expect(res.status).toBe(410)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.html).toContain('<html lang="fr"')
      expect(res.html).toContain(MESSAGES.fr.linkExpired)
      expect(res.html).toContain(MESSAGES.fr.linkExpiredDetail.replace(/'/g, '&#39;'))
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    }
    expect(await count(survey.id)).toBe(0)
  })

  it('answers 410 once the survey is archived', async () => {
    const { project, survey } = await setup()
    const { path } = await invite(project.secretKey, { surveyId: survey.id })
    expect(
      (await call('DELETE', `/v1/surveys/${survey.id}`, { token: project.secretKey })).status,
    ).toBe(204)
    expect((await openPage(path)).status).toBe(410)
    expect((await sendForm(path, { score: '9' })).status).toBe(410)
    expect(await count(survey.id)).toBe(0)
  })
})

describe('hostile text', () => {
  const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`

  it('stores script-like reasons and properties verbatim and renders them inert', async () => {
    const { project, survey } = await setup({
      texts: {
        en: { question: `Q ${XSS}`, lowLabel: XSS, highLabel: XSS, followUp: { promoter: XSS } },
      },
    })
    const { path, emailHtml } = await invite(project.secretKey, {
      surveyId: survey.id,
      ref: `T-${XSS}`.slice(0, 64),
      customerId: XSS,
      properties: { note: XSS, [`k`]: `</textarea>${XSS}` },
    })
    const thanks = await sendForm(path, { score: '9', reason: `</textarea>${XSS}` })
    expect(thanks.status).toBe(200)
    const [row] = await listResponses(project.secretKey, survey.id)
    expect(row.reason).toBe(`</textarea>${XSS}`)
    expect(row.properties).toEqual({ note: XSS, k: `</textarea>${XSS}` })
    expect(row.customerId).toBe(XSS)
    for (const html of [
      (await openPage(path)).html,
      (await openPage(`${path}?score=10`)).html,
      thanks.html,
      emailHtml,
    ]) {
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('<img src=x')
      // Attribute values keep hostile text inside quotes (a raw quote would have ended them).
      expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror=/)
      expect(html.match(/<\/textarea>/g)?.length ?? 0).toBeLessThanOrEqual(1)
    }
    const page = (await openPage(path)).html
    expect(page).toContain('&lt;/textarea&gt;&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    // The one script on the page is ours.
    expect(page.match(/<script>/g)).toHaveLength(1)
  })
})
