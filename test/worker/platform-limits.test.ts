// Every route, at its worst case, within Cloudflare's Free-plan D1 limits per invocation, which
// local D1 does not enforce: ≤ 50 queries (batched statements included), ≤ 100 bound parameters
// per statement, no bound string near 2 MB (https://developers.cloudflare.com/d1/platform/limits/).
import { env } from 'cloudflare:test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LIMITS } from '../../schema/constants'
import { IMPORT_LIMITS } from '../../schema/response'
import { EMAIL_LIMITS } from '../../schema/email-triggers'
import { IMPORT_CHUNK_BYTES } from '../../worker/db/responses'
import { CSV_PART_ROWS } from '../../worker/services/csv-export'
import { countedCall, countedCron, countingD1, FREE_PLAN, type D1Usage } from './d1-counter'
import { MINUTE_CRON } from './cron-helpers'
import { hmacSha256Hex } from '../../worker/lib/crypto'
import { zendeskBody, zendeskHeaders, ZENDESK_SECRET } from './helpdesk/helpers'
import { ADMIN, call, createProject, createSurvey, uuid } from './helpers'
import { member } from './account-helpers'
import { CLIENT_ID, CLIENT_SECRET, fakeProvider, ISSUER } from './oidc-helpers'
import { seedAnswers } from './manager-helpers'
import { attemptSend, fakeMailer, scheduleDue } from './email/helpers'
import { queueStub } from './webhooks/helpers'
import { PASSKEY_NAME_MAX } from '../../schema/constants'
import { PASSKEYS_PER_USER } from '../../schema/passkeys'
import { softAuthenticator } from './passkey-helpers'
import { DUE_CHUNK, DUE_CHUNKS_PER_RUN, enqueueDueSends } from '../../worker/email/due'

type Counted = Awaited<ReturnType<typeof countedCall>>

/** The worst usage seen per operation ("METHOD /path/{param}"), for the table printed at the end. */
const worst = new Map<string, D1Usage & { case: string }>()

function within(operation: string, label: string, res: Counted | D1Usage, status?: number) {
  const usage = 'usage' in res ? res.usage : res
  if ('usage' in res && status !== undefined)
    expect(res.status, res.text.slice(0, 300)).toBe(status)
  const detail = `${operation} (${label}): ${JSON.stringify(usage.log)}`
  expect(usage.queries, detail).toBeGreaterThan(0)
  expect(usage.queries, detail).toBeLessThanOrEqual(FREE_PLAN.queries)
  expect(usage.maxParams, detail).toBeLessThanOrEqual(FREE_PLAN.params)
  expect(usage.maxStringBytes, detail).toBeLessThan(FREE_PLAN.stringBytes)
  const before = worst.get(operation)
  if (!before || usage.queries > before.queries || usage.maxParams > before.maxParams)
    worst.set(operation, { ...usage, case: label })
}

let sk: string
let identitySecret: string
let projectId: string
let big: string // a survey of CSV_PART_ROWS + 1,500 answers over 400 days
let bigAnswer: string
const heavy = { customerId: 'heavy-customer', email: 'Heavy@Example.com' }

beforeAll(async () => {
  const project = await createProject('Limits')
  sk = project.secretKey
  identitySecret = project.identitySecret
  projectId = project.id
  big = (await createSurvey(sk)).id
  await seedAnswers(projectId, big, CSV_PART_ROWS + 1500, {
    days: 400,
    reason: 'r'.repeat(LIMITS.reason),
    properties: '{"plan":"pro","segment":"smb","country":"DK","orderId":"o-1"}',
  })
  // One customer with 2,000 answers, impressions and an invitation: the largest erasure.
  const other = (await createSurvey(sk)).id
  await seedAnswers(projectId, other, 2000, { ...heavy, days: 30 })
  bigAnswer = (await env.DB.prepare('SELECT id FROM responses WHERE survey_id = ? LIMIT 1')
    .bind(big)
    .first<{ id: string }>())!.id
}, 60_000)

// Seeding and reading tens of thousands of answers is slow on a busy 2-core machine.
describe('D1 usage per invocation, worst cases', { timeout: 30_000 }, () => {
  it('counts statements of a batch and the parameters of each (the counter itself)', async () => {
    const { db, usage } = countingD1(env.DB)
    await db.prepare('SELECT ?, ?, ?').bind(1, 'two', 3).first()
    await db.batch([db.prepare('SELECT 1'), db.prepare('SELECT ?').bind('x'.repeat(10))])
    expect(usage.queries).toBe(3)
    expect(usage.maxParams).toBe(3)
    expect(usage.maxStringBytes).toBe(10)
  })

  it('imports 1,000 answers with the longest reasons and 20 properties each', async () => {
    const survey = (await createSurvey(sk)).id
    // Quotes are escaped once in the body and twice in the JSON parameter (properties are a
    // JSON string inside it): the parameter grows the most for a body just under the limit.
    const value = '"'.repeat(40) + 'v'.repeat(LIMITS.propertyString - 40)
    const properties = Object.fromEntries(
      Array.from({ length: LIMITS.propertyKeys }, (_, i) => [
        `k${i}`.padEnd(LIMITS.propertyKey, 'k'),
        value,
      ]),
    )
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: uuid(),
      surveyId: survey,
      score: i % 11,
      reason: 'r'.repeat(LIMITS.reason),
      customerId: `c${i}`,
      ref: `T-${i}`,
      email: `c${i}@example.com`,
      properties,
      createdAt: '2026-10-01T10:00:00.000Z',
    }))
    const bytes = JSON.stringify({ responses: rows }).length
    expect(bytes).toBeGreaterThan(0.9 * IMPORT_LIMITS.bodyBytes)
    expect(bytes).toBeLessThan(IMPORT_LIMITS.bodyBytes)
    const first = await countedCall('POST', '/v1/responses/import', {
      token: sk,
      body: { responses: rows },
    })
    within(
      'POST /v1/responses/import',
      `1,000 new rows, ${(bytes / 1e6).toFixed(1)} MB`,
      first,
      200,
    )
    expect(first.json).toEqual({ imported: 1000, duplicates: 0 })
    expect(first.usage.maxStringBytes).toBeLessThan(IMPORT_CHUNK_BYTES)
    const again = await countedCall('POST', '/v1/responses/import', {
      token: sk,
      body: { responses: rows },
    })
    within('POST /v1/responses/import', 'the same 1,000 again', again, 200)
    const foreign = await countedCall('POST', '/v1/responses/import', {
      token: sk,
      body: { responses: [...rows.slice(1), { ...rows[0], surveyId: big }] },
    })
    within(
      'POST /v1/responses/import',
      "1,000 rows, one id of another survey's answer",
      foreign,
      400,
    )
  })

  it('erases a customer with 2,000 answers, by id and by email', async () => {
    const byEmail = await countedCall(
      'DELETE',
      `/v1/customers?email=${encodeURIComponent(heavy.email.toLowerCase())}`,
      { token: sk },
    )
    within('DELETE /v1/customers', '2,000 answers', byEmail, 200)
    expect(byEmail.json).toEqual({ deleted: 2000 })
    const survey = (await createSurvey(sk)).id
    await seedAnswers(projectId, survey, 2000, { customerId: heavy.customerId })
    const byId = await countedCall('DELETE', `/v1/customers/${heavy.customerId}`, { token: sk })
    within('DELETE /v1/customers/{customerId}', '2,000 answers', byId, 200)
    expect(byId.json).toEqual({ deleted: 2000 })
  })

  it('answers metrics with the most series (400 days by day, every grouping)', async () => {
    for (const groupBy of ['', 'day', 'week', 'month', 'touchpoint', 'property:plan']) {
      const query = `surveyId=${big}${groupBy ? `&groupBy=${groupBy}` : ''}`
      const res = await countedCall('GET', `/v1/metrics?${query}`, { token: sk })
      within('GET /v1/metrics', `groupBy=${groupBy || 'none'}`, res, 200)
      if (groupBy === 'day') expect(res.json.series).toHaveLength(400)
    }
  })

  it('lists 1,000 answers as JSON and streams a full CSV part', async () => {
    const json = await countedCall('GET', `/v1/responses?surveyId=${big}&limit=1000`, {
      token: sk,
    })
    within('GET /v1/responses', 'JSON, limit=1000', json, 200)
    const csv = await countedCall('GET', `/v1/responses?surveyId=${big}`, {
      token: sk,
      headers: { accept: 'text/csv' },
    })
    within('GET /v1/responses', `CSV, a full part of ${CSV_PART_ROWS} rows`, csv, 200)
    expect(csv.text.split('\r\n').length).toBeGreaterThan(CSV_PART_ROWS)
    // The dashboard's project-wide inbox: every survey, open follow-ups only.
    const inbox = await countedCall('GET', '/v1/responses?followUp=pending&limit=1000', {
      token: sk,
    })
    within('GET /v1/responses', 'project-wide, followUp=pending, limit=1000', inbox, 200)
    const one = await countedCall('GET', `/v1/responses/${json.json.data[0].id}`, { token: sk })
    within('GET /v1/responses/{id}', 'one answer', one, 200)
  })

  it('reads themes and journeys over every answer of the project', async () => {
    within(
      'GET /v1/themes',
      '400 days, every term',
      await countedCall('GET', `/v1/themes?surveyId=${big}&limit=100`, { token: sk }),
      200,
    )
    within(
      'GET /v1/journeys',
      'project-wide, 400 days',
      await countedCall('GET', '/v1/journeys?from=2020-01-01&to=2030-12-31', { token: sk }),
      200,
    )
  })

  it('finds the at-risk customers and a customer over every answer of the project', async () => {
    within(
      'GET /v1/customers/at-risk',
      'days=3650, min=1, limit=1000',
      await countedCall('GET', '/v1/customers/at-risk?days=3650&min=1&limit=1000', { token: sk }),
      200,
    )
    const survey = (await createSurvey(sk)).id
    await seedAnswers(projectId, survey, 1500, { customerId: 'reader' })
    within(
      'GET /v1/customers/{customerId}',
      '1,500 answers',
      await countedCall('GET', '/v1/customers/reader', { token: sk }),
      200,
    )
  })

  it('serves the manager routes for surveys, answers, invitations and settings', async () => {
    const created = await countedCall('POST', '/v1/surveys', {
      token: sk,
      body: { name: 'Limits', kind: 'nps' },
    })
    within('POST /v1/surveys', 'create', created, 201)
    const id = created.json.id
    within('GET /v1/surveys', 'list', await countedCall('GET', '/v1/surveys', { token: sk }), 200)
    within(
      'GET /v1/surveys/{id}',
      'read',
      await countedCall('GET', `/v1/surveys/${id}`, { token: sk }),
      200,
    )
    within(
      'PATCH /v1/surveys/{id}',
      `segmentKeys of a survey of ${CSV_PART_ROWS + 1500} answers`,
      await countedCall('PATCH', `/v1/surveys/${big}`, {
        token: sk,
        body: { segmentKeys: ['plan', 'segment', 'country', 'orderId'] },
      }),
      200,
    )
    within(
      'PATCH /v1/responses/{id}',
      'test flag',
      await countedCall('PATCH', `/v1/responses/${bigAnswer}`, { token: sk, body: { test: true } }),
      200,
    )
    const invite = await countedCall('POST', '/v1/invitations', {
      token: sk,
      body: { surveyId: id, ref: 'T-1', customerId: 'invitee', email: 'i@example.com' },
    })
    within('POST /v1/invitations', 'with a customer (ledger read)', invite, 201)
    const path = new URL(invite.json.url).pathname
    within('GET /s/{token}', 'open', await countedCall('GET', `${path}?score=9`), 200)
    within(
      'POST /s/{token}',
      'answer',
      await countedCall('POST', path, {
        raw: new URLSearchParams({ score: '9', reason: 'fine' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      200,
    )
    within('GET /v1/project', 'read', await countedCall('GET', '/v1/project', { token: sk }), 200)
    within(
      'PATCH /v1/project',
      'retentionDays',
      await countedCall('PATCH', '/v1/project', { token: sk, body: { retentionDays: 3650 } }),
      200,
    )
    within(
      'DELETE /v1/surveys/{id}',
      'archive',
      await countedCall('DELETE', `/v1/surveys/${id}`, { token: sk }),
      204,
    )
  })

  it('serves the webhook endpoints and their delivery log', async () => {
    const created = await countedCall('POST', '/v1/webhooks', {
      token: sk,
      body: {
        url: 'https://hooks.example.com/kundepuls',
        events: ['response.created', 'response.updated', 'followup.updated'],
        filter: { categories: ['detractor'], touchpoints: ['a', 'b'], surveyIds: [big] },
      },
    })
    within('POST /v1/webhooks', 'create with every filter', created, 201)
    const path = `/v1/webhooks/${created.json.id}`
    within('GET /v1/webhooks', 'list', await countedCall('GET', '/v1/webhooks', { token: sk }), 200)
    within('GET /v1/webhooks/{id}', 'read', await countedCall('GET', path, { token: sk }), 200)
    within(
      'PATCH /v1/webhooks/{id}',
      'filter',
      await countedCall('PATCH', path, { token: sk, body: { filter: null } }),
      200,
    )
    within(
      'POST /v1/webhooks/{id}/rotate-secret',
      'rotate',
      await countedCall('POST', `${path}/rotate-secret`, { token: sk }),
      200,
    )
    within(
      'POST /v1/webhooks/{id}/test',
      'unreachable receiver',
      await countedCall('POST', `${path}/test`, { token: sk }),
      200,
    )
    within(
      'GET /v1/webhooks/{id}/deliveries',
      'page',
      await countedCall('GET', `${path}/deliveries?limit=200`, { token: sk }),
      200,
    )
    within(
      'DELETE /v1/webhooks/{id}',
      'delete',
      await countedCall('DELETE', path, { token: sk }),
      204,
    )
  })

  it('serves the help-desk connections, their events log and an inbound call', async () => {
    const survey = (await createSurvey(sk)).id
    const created = await countedCall('POST', '/v1/connections', {
      token: sk,
      body: {
        kind: 'zendesk',
        surveyId: survey,
        baseUrl: 'https://acme.zendesk.com',
        credentials: { email: 'agent@acme.example', apiToken: 'zd-token-123' },
        signingSecret: ZENDESK_SECRET,
        rules: { delayMinutes: 0 },
      },
    })
    within('POST /v1/connections', 'zendesk with every secret', created, 201)
    const path = `/v1/connections/${created.json.id}`
    const list = await countedCall('GET', '/v1/connections', { token: sk })
    within('GET /v1/connections', 'list', list, 200)
    within('GET /v1/connections/{id}', 'read', await countedCall('GET', path, { token: sk }), 200)
    within(
      'PATCH /v1/connections/{id}',
      'rules',
      await countedCall('PATCH', path, { token: sk, body: { rules: { delayMinutes: 5 } } }),
      200,
    )
    const body = zendeskBody(4711)
    const inbound = await countedCall('POST', `/v1/inbound/${created.json.id}`, {
      raw: body,
      headers: zendeskHeaders(body),
    })
    expect(inbound.status, inbound.text).toBeLessThan(300)
    within('POST /v1/inbound/{connectionId}', 'signed "ticket solved" call', inbound)
    within(
      'GET /v1/connections/{id}/events',
      'page',
      await countedCall('GET', `${path}/events?limit=200`, { token: sk }),
      200,
    )
    within(
      'DELETE /v1/connections/{id}',
      'delete',
      await countedCall('DELETE', path, { token: sk }),
      204,
    )
  })

  it('serves the public routes', async () => {
    const survey = (await createSurvey(sk)).id
    within(
      'GET /v1/public/surveys/{id}',
      'config',
      await countedCall('GET', `/v1/public/surveys/${survey}`),
      200,
    )
    within(
      'GET /widget.js',
      'per-survey loader',
      await countedCall('GET', `/widget.js?survey=${survey}`, {
        headers: { referer: 'https://limits.example/' },
      }),
      200,
    )
    const customerHash = await hmacSha256Hex(identitySecret, 'pub')
    const signed = { customerId: 'pub', customerHash }
    const editToken = 'e'.repeat(32)
    const answer = { id: uuid(), surveyId: survey, score: 3, ref: 'o-1', editToken, ...signed }
    within(
      'POST /v1/public/responses',
      'new answer',
      await countedCall('POST', '/v1/public/responses', { body: answer }),
      201,
    )
    within(
      'POST /v1/public/responses',
      'a retry (stored answer looked up, edit token compared)',
      await countedCall('POST', '/v1/public/responses', { body: answer }),
      200,
    )
    within(
      'POST /v1/public/responses',
      'an unsigned answer for the same ref (refused, stored answer looked up)',
      await countedCall('POST', '/v1/public/responses', {
        body: { id: uuid(), surveyId: survey, score: 9, ref: 'o-1', customerId: 'pub' },
      }),
      409,
    )
    within(
      'PATCH /v1/public/responses/{id}',
      'new score and reason (answer, survey, update)',
      await countedCall('PATCH', `/v1/public/responses/${answer.id}`, {
        body: { editToken, score: 9, reason: 'slow' },
      }),
      200,
    )
    const shown = { id: uuid(), surveyId: survey, type: 'dismissed', ...signed }
    within(
      'POST /v1/public/impressions',
      'dismissal',
      await countedCall('POST', '/v1/public/impressions', { body: shown }),
      201,
    )
    within(
      'POST /v1/public/surveys/{id}/eligibility',
      'signed customer (the ledger is read)',
      await countedCall('POST', `/v1/public/surveys/${survey}/eligibility`, { body: signed }),
      200,
    )
  })

  it('serves the email channel: sends, preview, suppressions, unsubscribe, the due-sends cron and the consumer', async () => {
    const survey = (await createSurvey(sk)).id
    const mailer = fakeMailer()
    const sent = await scheduleDue(projectId, survey, { customerId: 'mail-1' })
    await attemptSend(projectId, sent, mailer.env)
    within(
      'GET /v1/email/sends',
      'page of 200',
      await countedCall('GET', '/v1/email/sends?limit=200', { token: sk }),
      200,
    )
    within(
      'GET /v1/email/sends/{id}',
      'with its message',
      await countedCall('GET', `/v1/email/sends/${sent}`, { token: sk }),
      200,
    )
    within(
      'GET /v1/email/preview',
      'one locale',
      await countedCall('GET', `/v1/email/preview?surveyId=${survey}&locale=da`, { token: sk }),
      200,
    )
    const addresses = Array.from({ length: 200 }, (_, i) => `person.${i}@example.com`)
    within(
      'POST /v1/suppressions',
      '200 addresses',
      await countedCall('POST', '/v1/suppressions', { token: sk, body: { addresses } }),
      201,
    )
    within(
      'GET /v1/suppressions',
      'page of 200',
      await countedCall('GET', '/v1/suppressions?limit=200', { token: sk }),
      200,
    )
    const unsubscribe = new URL(/^<(.+)>$/.exec(mailer.sent[0]!.headers!['List-Unsubscribe']!)![1]!)
      .pathname
    within('GET /u/{token}', 'page', await countedCall('GET', unsubscribe), 200)
    within('POST /u/{token}', 'one click', await countedCall('POST', unsubscribe), 200)
    // 1,200 due sends: one run of the every-minute cron's part takes 1,000 in ≤ 10 queries.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
       INSERT INTO email_sends (id, project_id, survey_id, source, kind, dedupe_key, email,
         email_hash, state, scheduled_for, created_at)
       SELECT 'eml_due' || i, ?1, ?2, 'event', 'survey', 'due-' || i, 'd' || i || '@example.com',
         'h' || i, 'scheduled', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`,
    )
      .bind(projectId, survey)
      .run()
    const due = countingD1(env.DB)
    const run = await enqueueDueSends({
      db: due.db,
      env: { OUTBOUND: queueStub().queue },
      now: new Date(),
    })
    expect(run.enqueued).toBe(DUE_CHUNK * DUE_CHUNKS_PER_RUN)
    within('cron task email-due', 'due sends: 1,200 waiting', due.usage)
    // The consumer's batch (max_batch_size 5 in wrangler.toml), each a first send with a link.
    const batch = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => scheduleDue(projectId, survey, { customerId: `batch-${i}` })),
    )
    const consumer = countingD1(env.DB)
    await Promise.all(
      batch.map((id) => attemptSend(projectId, id, { ...mailer.env, DB: consumer.db })),
    )
    expect(mailer.sent).toHaveLength(6)
    within('queue (email-send)', 'a batch of 5 first sends', consumer.usage)
  })

  it('serves the keys and the dashboard sessions', async () => {
    const key = await countedCall('POST', '/v1/keys', {
      token: sk,
      body: { name: 'Wall screen', scope: 'read' },
    })
    within('POST /v1/keys', 'read key', key, 201)
    within('GET /v1/keys', 'list', await countedCall('GET', '/v1/keys', { token: sk }), 200)
    const signIn = await countedCall('POST', '/v1/sessions', { body: { key: key.json.key } })
    within('POST /v1/sessions', 'sign in', signIn, 201)
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]
    // The dashboard's own origin (the counter calls the worker at http://kundepuls.test).
    const origin = 'http://kundepuls.test'
    within(
      'GET /v1/sessions/current',
      'who am I (and slide the expiry)',
      await countedCall('GET', '/v1/sessions/current', { headers: { cookie } }),
      200,
    )
    within(
      'DELETE /v1/sessions/current',
      'sign out',
      await countedCall('DELETE', '/v1/sessions/current', { headers: { cookie, origin } }),
      204,
    )
    within(
      'DELETE /v1/keys/{id}',
      'revoke (and end its sessions)',
      await countedCall('DELETE', `/v1/keys/${key.json.id}`, { token: sk }),
      204,
    )
  })

  it('serves the closed loop, its crons and the audit log over thousands of follow-ups', async () => {
    // Every detractor of the big survey gets a follow-up, a third of them overdue and owned.
    await env.DB.prepare(
      `INSERT INTO follow_ups (response_id, project_id, survey_id, owner_id, created_at, due_at, updated_at)
       SELECT id, project_id, survey_id, iif(rowid % 3 = 0, 'usr_limits', NULL), created_at,
         iif(rowid % 3 = 0, '2020-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z'), created_at
       FROM responses WHERE survey_id = ? AND polarity = -1`,
    )
      .bind(big)
      .run()
    const at = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO users (id, email, name, created_at) VALUES ('usr_limits', 'limits@example.com', '', ?)",
      ).bind(at),
      env.DB.prepare(
        "INSERT INTO memberships (project_id, user_id, role, created_at) VALUES (?, 'usr_limits', 'admin', ?)",
      ).bind(projectId, at),
    ])
    const one = (await env.DB.prepare(
      'SELECT response_id FROM follow_ups WHERE survey_id = ? LIMIT 1',
    )
      .bind(big)
      .first<{ response_id: string }>())!.response_id
    for (const q of ['limit=1000', 'overdue=true&limit=1000', 'owner=none&state=open&limit=1000'])
      within(
        'GET /v1/follow-ups',
        q,
        await countedCall('GET', `/v1/follow-ups?${q}`, { token: sk }),
        200,
      )
    within(
      'GET /v1/follow-ups/stats',
      'every follow-up of the project',
      await countedCall('GET', '/v1/follow-ups/stats', { token: sk }),
      200,
    )
    within(
      'PUT /v1/follow-ups/settings',
      "a survey's rules",
      await countedCall('PUT', `/v1/follow-ups/settings?surveyId=${big}`, {
        token: sk,
        body: { dueHours: 24, reaskAfterDays: 7, assign: { byTouchpoint: { tp1: 'usr_limits' } } },
      }),
      200,
    )
    within(
      'GET /v1/follow-ups/settings',
      "a survey's rules",
      await countedCall('GET', `/v1/follow-ups/settings?surveyId=${big}`, { token: sk }),
      200,
    )
    within(
      'PATCH /v1/responses/{id}/follow-up',
      'contacted, owner and note',
      await countedCall('PATCH', `/v1/responses/${one}/follow-up`, {
        token: sk,
        body: {
          state: 'contacted',
          via: 'call',
          ownerId: 'usr_limits',
          note: 'n'.repeat(LIMITS.note),
        },
      }),
      200,
    )
    within(
      'GET /v1/responses/{id}/follow-up',
      'with its history',
      await countedCall('GET', `/v1/responses/${one}/follow-up`, { token: sk }),
      200,
    )
    within(
      'PUT /v1/follow-ups/digest',
      'opt an admin in',
      await countedCall('PUT', '/v1/follow-ups/digest', {
        token: sk,
        body: { userId: 'usr_limits', subscribed: true },
      }),
      200,
    )
    within(
      'GET /v1/audit',
      'a page',
      await countedCall('GET', '/v1/audit?limit=1000', { token: sk }),
      200,
    )
    within(
      'GET /v1/audit',
      'CSV',
      await countedCall('GET', '/v1/audit', { token: sk, headers: { accept: 'text/csv' } }),
      200,
    )
    // The every-minute cron: the sweeps, the due emails, the plans, the assignment and escalation.
    await env.DB.prepare('UPDATE follow_ups SET assigned_at = NULL WHERE rowid % 7 = 0').run()
    // Each task of the run in its own invocation (worker/tasks.ts), each within the budget.
    const runs = await countedCron(Date.now(), MINUTE_CRON)
    expect(runs.map((r) => r.task)).toEqual(['sweeps', 'email-due', 'email-plan', 'follow-ups'])
    for (const { task, usage } of runs)
      within(`cron task ${task}`, 'sweeps, follow-up assignment and escalation', usage)
  })

  it('serves the members, invitations and people signing in', async () => {
    const origin = 'http://kundepuls.test'
    const email = `limits-${Date.now()}@example.com`
    const invited = await countedCall('POST', '/v1/members', {
      token: sk,
      body: { email, role: 'admin' },
    })
    within('POST /v1/members', 'invite (and mail)', invited, 201)
    const token = new URL(invited.json.inviteUrl).hash.replace('#token=', '')
    within(
      'POST /v1/auth/invites/lookup',
      'what the link offers',
      await countedCall('POST', '/v1/auth/invites/lookup', { body: { token } }),
      200,
    )
    const accepted = await countedCall('POST', '/v1/auth/invites/accept', {
      body: { token, password: 'a long enough passphrase' },
      headers: { origin },
    })
    within('POST /v1/auth/invites/accept', 'new account, joins, signs in', accepted, 201)
    const signedIn = await countedCall('POST', '/v1/auth/sign-in', {
      body: { email, password: 'a long enough passphrase' },
      headers: { origin },
    })
    within('POST /v1/auth/sign-in', 'password', signedIn, 201)
    const cookie = signedIn.headers.getSetCookie()[0].split(';')[0]
    const as = (extra: Record<string, string> = {}) => ({ headers: { cookie, origin, ...extra } })
    within('GET /v1/auth/me', 'who am I', await countedCall('GET', '/v1/auth/me', as()), 200)
    within(
      'PUT /v1/auth/project',
      'switch',
      await countedCall('PUT', '/v1/auth/project', { ...as(), body: { projectId } }),
      200,
    )
    const sessions = await countedCall('GET', '/v1/auth/sessions', as())
    within('GET /v1/auth/sessions', 'your sessions', sessions, 200)
    const other = sessions.json.data.find((x: { current: boolean }) => !x.current)
    within(
      'DELETE /v1/auth/sessions/{id}',
      'revoke another',
      await countedCall('DELETE', `/v1/auth/sessions/${other.id}`, as()),
      204,
    )
    within(
      'GET /v1/members',
      'list with invitations',
      await countedCall('GET', '/v1/members', as()),
      200,
    )
    const second = await countedCall('POST', '/v1/members', {
      ...as(),
      body: { email: `second-${email}`, role: 'member', limits: { surveyIds: [big] } },
    })
    within(
      'DELETE /v1/members/invites/{id}',
      'revoke',
      await countedCall('DELETE', `/v1/members/invites/${second.json.id}`, as()),
      204,
    )
    const userId = accepted.json.user.id
    within(
      'PATCH /v1/members/{id}',
      'role and limits',
      await countedCall('PATCH', `/v1/members/${userId}`, {
        token: sk,
        body: { role: 'member', limits: { touchpoints: ['checkout'] } },
      }),
      200,
    )
    within(
      'POST /v1/auth/password-reset',
      'known address (link stored, mailed)',
      await countedCall('POST', '/v1/auth/password-reset', {
        body: { email },
        headers: { origin },
      }),
      202,
    )
    within(
      'POST /v1/auth/password-reset/confirm',
      'unknown link',
      await countedCall('POST', '/v1/auth/password-reset/confirm', {
        body: { token: 'x'.repeat(40), password: 'another long passphrase' },
        headers: { origin },
      }),
      410,
    )
    // Passkeys at their largest: a person with the most passkeys an account keeps.
    for (let i = 1; i < PASSKEYS_PER_USER; i++)
      await env.DB.prepare(
        `INSERT INTO passkeys (id, credential_id, user_id, public_key, name, created_at)
         VALUES (?, ?, ?, 'cGs', 'seeded', ?)`,
      )
        .bind(
          `pky_limits${i}`,
          `cred-limits-${i}`.padEnd(1364, 'x'),
          userId,
          new Date().toISOString(),
        )
        .run()
    const key = await softAuthenticator()
    const creation = await countedCall('POST', '/v1/auth/passkeys/register/options', as())
    within(
      'POST /v1/auth/passkeys/register/options',
      `${PASSKEYS_PER_USER - 1} excluded`,
      creation,
      200,
    )
    const registered = await countedCall('POST', '/v1/auth/passkeys/register', {
      ...as(),
      body: { credential: await key.create(creation.json), name: 'n'.repeat(PASSKEY_NAME_MAX) },
    })
    within('POST /v1/auth/passkeys/register', 'the last one allowed', registered, 201)
    within(
      'POST /v1/auth/passkeys/register/options',
      'one too many',
      await countedCall('POST', '/v1/auth/passkeys/register/options', as()),
      409,
    )
    within(
      'GET /v1/auth/passkeys',
      `${PASSKEYS_PER_USER} passkeys`,
      await countedCall('GET', '/v1/auth/passkeys', as()),
      200,
    )
    const request = await countedCall('POST', '/v1/auth/passkeys/sign-in/options', {
      headers: { origin },
    })
    within('POST /v1/auth/passkeys/sign-in/options', 'discoverable', request, 200)
    within(
      'POST /v1/auth/passkeys/sign-in',
      'verified, session started',
      await countedCall('POST', '/v1/auth/passkeys/sign-in', {
        body: { credential: await key.get(request.json) },
        headers: { origin },
      }),
      201,
    )
    within(
      'DELETE /v1/auth/passkeys/{id}',
      'remove',
      await countedCall('DELETE', `/v1/auth/passkeys/${registered.json.id}`, as()),
      204,
    )
    within(
      'POST /v1/auth/sign-out',
      'sign out',
      await countedCall('POST', '/v1/auth/sign-out', as()),
      204,
    )
    within(
      'DELETE /v1/members/{id}',
      'remove',
      await countedCall('DELETE', `/v1/members/${userId}`, { token: sk }),
      204,
    )
  })

  it('serves single sign-on: its settings, the start and a callback that signs a member in', async () => {
    const { email } = await member(sk, 'admin')
    const provider = fakeProvider()
    try {
      const put = await countedCall('PUT', '/v1/project/oidc', {
        token: sk,
        body: { issuer: ISSUER, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      })
      within('PUT /v1/project/oidc', 'create', put, 200)
      within(
        'GET /v1/project/oidc',
        'read',
        await countedCall('GET', '/v1/project/oidc', { token: sk }),
        200,
      )
      within(
        'GET /v1/auth/oidc/{projectId}',
        'the button',
        await countedCall('GET', `/v1/auth/oidc/${projectId}`),
        200,
      )
      const start = await countedCall('GET', `/v1/auth/oidc/${projectId}/start`)
      within('GET /v1/auth/oidc/{projectId}/start', 'to the provider', start, 302)
      const auth = new URL(start.headers.get('location')!).searchParams
      provider.claims = { nonce: auth.get('nonce'), email, email_verified: true }
      const flow = start.headers.getSetCookie()[0].split(';')[0]
      const back = await countedCall(
        'GET',
        `/v1/auth/oidc/callback?code=c&state=${auth.get('state')}`,
        { headers: { cookie: flow } },
      )
      within('GET /v1/auth/oidc/callback', 'a member signs in', back, 303)
      expect(back.headers.get('location')).toBe('/app?sso=ok')
      within(
        'DELETE /v1/project/oidc',
        'remove',
        await countedCall('DELETE', '/v1/project/oidc', { token: sk }),
        204,
      )
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('serves health, tenants and the documentation', async () => {
    within('GET /health', 'ping', await countedCall('GET', '/health'), 200)
    within(
      'POST /v1/projects',
      'create',
      await countedCall('POST', '/v1/projects', { token: ADMIN, body: { name: 'Another' } }),
      201,
    )
    // The documents read no D1; they are listed so that every operation has a row.
    for (const path of ['/openapi.json', '/docs']) {
      const res = await countedCall('GET', path)
      expect(res.status).toBe(200)
      expect(res.usage.queries).toBe(0)
      worst.set(`GET ${path}`, { ...res.usage, case: 'static' })
    }
  })

  it('serves the email rules, events, people and programs at their largest', async () => {
    const survey = (await createSurvey(sk)).id
    // The most rules one event type matches, each scheduling a send.
    let rule = ''
    for (let i = 0; i < EMAIL_LIMITS.rulesPerEventType; i++) {
      const created = await countedCall('POST', '/v1/email/rules', {
        token: sk,
        body: { eventType: 'order.delivered', surveyId: survey, delayMinutes: i },
      })
      within('POST /v1/email/rules', 'create', created, 201)
      rule = created.json.id
    }
    within(
      'GET /v1/email/rules',
      'list',
      await countedCall('GET', '/v1/email/rules', { token: sk }),
      200,
    )
    const path = `/v1/email/rules/${rule}`
    within('GET /v1/email/rules/{id}', 'read', await countedCall('GET', path, { token: sk }), 200)
    within(
      'PATCH /v1/email/rules/{id}',
      'change the survey',
      await countedCall('PATCH', path, { token: sk, body: { surveyId: survey, delayMinutes: 5 } }),
      200,
    )
    const event = {
      type: 'order.delivered',
      email: 'limits@example.com',
      ref: 'o-1',
      occurredAt: '2027-01-04T10:00:00Z',
    }
    within(
      'POST /v1/events',
      `${EMAIL_LIMITS.rulesPerEventType} rules`,
      await countedCall('POST', '/v1/events', { token: sk, body: event }),
      202,
    )
    within(
      'POST /v1/events',
      'the same event again',
      await countedCall('POST', '/v1/events', { token: sk, body: event }),
      202,
    )
    within(
      'DELETE /v1/email/rules/{id}',
      'delete',
      await countedCall('DELETE', path, { token: sk }),
      204,
    )
    const people = Array.from({ length: EMAIL_LIMITS.peoplePerCall }, (_, i) => ({
      email: `person-${i}@example.com`,
      customerId: `person-${i}`,
      name: 'n'.repeat(EMAIL_LIMITS.name),
      timeZone: 'America/New_York',
      properties: { value: i, plan: 'pro' },
    }))
    const program = await countedCall('POST', '/v1/email/programs', {
      token: sk,
      body: { surveyId: survey, everyDays: 90, dailyCap: 1000 },
    })
    within('POST /v1/email/programs', 'create', program, 201)
    within(
      'POST /v1/people',
      `${EMAIL_LIMITS.peoplePerCall} people, enrolled`,
      await countedCall('POST', '/v1/people', { token: sk, body: people }),
      201,
    )
    const csv = [
      'email,customerId,value',
      ...people.map((p, i) => `${p.email},${p.customerId},${i}`),
    ].join('\n')
    within(
      'POST /v1/people/import',
      `${EMAIL_LIMITS.peoplePerCall} lines`,
      await countedCall('POST', '/v1/people/import', {
        token: sk,
        raw: csv,
        headers: { 'content-type': 'text/csv' },
      }),
      201,
    )
    within(
      'GET /v1/email/programs',
      'list',
      await countedCall('GET', '/v1/email/programs', { token: sk }),
      200,
    )
    const programPath = `/v1/email/programs/${program.json.id}`
    within(
      'GET /v1/email/programs/{id}',
      'read',
      await countedCall('GET', programPath, { token: sk }),
      200,
    )
    within(
      'PATCH /v1/email/programs/{id}',
      'pause',
      await countedCall('PATCH', programPath, { token: sk, body: { state: 'paused' } }),
      200,
    )
    within(
      'GET /v1/email/stats',
      'a year',
      await countedCall('GET', '/v1/email/stats?from=2026-01-01&to=2026-12-31', { token: sk }),
      200,
    )
    within(
      'GET /v1/email/schedule',
      '31 days',
      await countedCall('GET', '/v1/email/schedule?days=31', { token: sk }),
      200,
    )
  })

  it('runs the daily cron over a backlog of every answer above', async () => {
    await call('PATCH', '/v1/project', { token: sk, body: { retentionDays: 1 } })
    const runs = await countedCron(Date.parse('2027-06-01T03:17:00Z'))
    expect(runs.map((r) => r.task)).toEqual(['housekeeping', 'digest'])
    for (const { task, usage } of runs)
      within(`cron task ${task}`, `anonymise a backlog of ${CSV_PART_ROWS + 5000} answers`, usage)
  })

  it('has measured every operation of the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json')).json
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    )
    expect(operations.filter((op) => !worst.has(op))).toEqual([])
  })
})

afterAll(() => {
  const lines = [...worst.entries()]
    .sort(([a], [b]) => (a.split(' ')[1] < b.split(' ')[1] ? -1 : 1))
    .map(([op, u]) => `| ${op} | ${u.case} | ${u.queries} | ${u.maxParams} | ${u.maxStringBytes} |`)
  console.log(
    [
      '| operation | worst case | queries | max params | max string bytes |',
      '|---|---|---|---|---|',
      ...lines,
    ].join('\n'),
  )
})
