import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject, expectProblem, setup } from '../helpers'
import { countRows, createRule, readKey, sendsOf } from '../email/trigger-helpers'

const event = (over: Record<string, unknown> = {}) => ({
  type: 'order.delivered',
  customerId: 'cus_1',
  email: 'ann@example.com',
  ref: 'order-1001',
  // Friday 2027-03-26 18:00 CET: after the window, before the spring change.
  occurredAt: '2027-03-26T17:00:00Z',
  ...over,
})

async function withRule(rule: Record<string, unknown> = {}) {
  const { project, survey } = await setup()
  const created = await createRule(project.secretKey, {
    eventType: 'order.delivered',
    surveyId: survey.id,
    delayMinutes: 0,
    ...rule,
  })
  return { project, survey, rule: created, token: project.secretKey }
}

describe('POST /v1/events', () => {
  it('schedules one send per matching rule, at the next window opening in the project time zone across the spring change', async () => {
    const { project, survey, rule, token } = await withRule()
    const res = await call('POST', '/v1/events', { token, body: event() })
    expect(res.status, res.text).toBe(202)
    // Monday 2027-03-29 09:00 CEST (UTC+2).
    expect(res.json.scheduled).toEqual([
      {
        ruleId: rule.id,
        sendId: expect.stringMatching(/^eml_/),
        scheduledFor: '2027-03-29T07:00:00.000Z',
        created: true,
      },
    ])
    const [send] = await sendsOf(project.id)
    expect(send).toMatchObject({
      id: res.json.scheduled[0].sendId,
      survey_id: survey.id,
      source: 'event',
      state: 'scheduled',
      ref: 'order-1001',
      customer_id: 'cus_1',
      time_zone: 'Europe/Copenhagen',
      dedupe_key: `event:${rule.id}:order.delivered:order-1001`,
      scheduled_for: '2027-03-29T07:00:00.000Z',
    })
  })

  it("uses the event's time zone, then the stored person's, then the project's", async () => {
    const { project, token } = await withRule()
    // New York: Friday 2027-03-12 18:00 EST; Monday 09:00 EDT (after the change) = 13:00Z.
    const ny = await call('POST', '/v1/events', {
      token,
      body: event({ ref: 'a', occurredAt: '2027-03-12T23:00:00Z', timeZone: 'America/New_York' }),
    })
    expect(ny.json.scheduled[0].scheduledFor).toBe('2027-03-15T13:00:00.000Z')
    const person = await call('POST', '/v1/people', {
      token,
      body: { email: 'Bo@Example.com', timeZone: 'Europe/Oslo', locale: 'nb' },
    })
    expect(person.status, person.text).toBe(201)
    const oslo = await call('POST', '/v1/events', {
      token,
      body: event({ ref: 'b', email: 'bo@example.com', occurredAt: '2027-10-29T17:00:00Z' }),
    })
    // Monday 2027-11-01 09:00 CET (after the autumn change) = 08:00Z.
    expect(oslo.json.scheduled[0].scheduledFor).toBe('2027-11-01T08:00:00.000Z')
    const sends = await sendsOf(project.id)
    expect(sends.find((s) => s.ref === 'b')).toMatchObject({
      time_zone: 'Europe/Oslo',
      locale: 'nb',
    })
    expect(sends.find((s) => s.ref === 'a')).toMatchObject({ time_zone: 'America/New_York' })
  })

  it('applies the delay before the window: two days after Thursday evening is Monday morning', async () => {
    const { token } = await withRule({ delayMinutes: 2 * 1440 })
    const res = await call('POST', '/v1/events', {
      token,
      // Thursday 2027-03-25 20:00 CET + 2 days = Saturday → Monday 2027-03-29 09:00 CEST.
      body: event({ occurredAt: '2027-03-25T19:00:00Z' }),
    })
    expect(res.json.scheduled[0].scheduledFor).toBe('2027-03-29T07:00:00.000Z')
  })

  it('stores the same (type, ref) once, whether retried or sent concurrently', async () => {
    const { project, token } = await withRule()
    const first = await call('POST', '/v1/events', { token, body: event() })
    const again = await call('POST', '/v1/events', {
      token,
      // A retry with another instant changes nothing: the first send keeps its time.
      body: event({ occurredAt: '2027-04-01T10:00:00Z' }),
    })
    expect(again.json.scheduled[0]).toEqual({ ...first.json.scheduled[0], created: false })
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', '/v1/events', { token, body: event({ ref: 'order-2002' }) }),
      ),
    )
    expect(concurrent.map((r) => r.status)).toEqual(Array(8).fill(202))
    expect(new Set(concurrent.map((r) => r.json.scheduled[0].sendId)).size).toBe(1)
    expect(concurrent.filter((r) => r.json.scheduled[0].created)).toHaveLength(1)
    expect((await sendsOf(project.id)).map((s) => s.ref).sort()).toEqual([
      'order-1001',
      'order-2002',
    ])
  })

  it('schedules one send for each of two rules on the same event type', async () => {
    const { project, survey, token } = await withRule()
    await createRule(token, { eventType: 'order.delivered', surveyId: survey.id, delayMinutes: 60 })
    const res = await call('POST', '/v1/events', { token, body: event() })
    expect(res.json.scheduled).toHaveLength(2)
    expect(await sendsOf(project.id)).toHaveLength(2)
  })

  it('answers 202 with reason no_rule and stores nothing when no rule matches', async () => {
    const { project, token } = await withRule()
    const res = await call('POST', '/v1/events', { token, body: event({ type: 'order.placed' }) })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ scheduled: [], reason: 'no_rule' })
    expect(await countRows('email_sends', project.id)).toBe(0)
  })

  it('answers 202 with reason unsubscribed and schedules nothing for a suppressed address', async () => {
    const { project, token } = await withRule()
    const suppressed = await call('POST', '/v1/suppressions', {
      token,
      body: { addresses: ['Ann@Example.com'], reason: 'unsubscribed' },
    })
    expect(suppressed.status, suppressed.text).toBeLessThan(300)
    const res = await call('POST', '/v1/events', { token, body: event() })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ scheduled: [], reason: 'unsubscribed' })
    expect(await countRows('email_sends', project.id)).toBe(0)
  })

  it('answers 202 with reason cooldown for a person emailed within the cooldown, on any survey', async () => {
    const { project, token } = await withRule()
    const first = await call('POST', '/v1/events', { token, body: event() })
    expect(first.json.scheduled).toHaveLength(1)
    // The first email went out yesterday (as the consumer marks it).
    await env.DB.prepare("UPDATE email_sends SET state = 'sent', sent_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 86_400_000).toISOString(), first.json.scheduled[0].sendId)
      .run()
    const res = await call('POST', '/v1/events', { token, body: event({ ref: 'order-1002' }) })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ scheduled: [], reason: 'cooldown' })
    expect(await countRows('email_sends', project.id)).toBe(1)
  })

  it('refuses bad input with a problem and stores nothing', async () => {
    const { project, token } = await withRule()
    const cases: [Record<string, unknown>, string][] = [
      [event({ email: 'not-an-address' }), 'email'],
      [event({ timeZone: 'CET+1' }), 'timeZone'],
      [event({ timeZone: 'Mars/Olympus_Mons' }), 'timeZone'],
      [event({ occurredAt: 'yesterday' }), 'occurredAt'],
      [event({ ref: '' }), 'ref'],
      [event({ type: 'order delivered' }), 'type'],
      [event({ surveyId: 'srv_x' }), ''],
    ]
    for (const [body, field] of cases)
      expectProblem(
        await call('POST', '/v1/events', { token, body }),
        400,
        'validation_failed',
        field || undefined,
      )
    expect(await countRows('email_sends', project.id)).toBe(0)
  })

  it('needs the secret key: a read key gets 403, a publishable key 403, no key 401', async () => {
    const { project, token } = await withRule()
    const rk = await readKey(token)
    expectProblem(
      await call('POST', '/v1/events', { token: rk, body: event() }),
      403,
      'insufficient_scope',
    )
    expectProblem(
      await call('POST', '/v1/events', { token: project.publishableKey, body: event() }),
      403,
      'publishable_key',
    )
    expectProblem(await call('POST', '/v1/events', { body: event() }), 401)
    expect(await countRows('email_sends', project.id)).toBe(0)
  })

  it("never matches another project's rules", async () => {
    const { project } = await withRule()
    const other = await createProject('Other')
    const res = await call('POST', '/v1/events', { token: other.secretKey, body: event() })
    expect(res.json.reason).toBe('no_rule')
    expect(await countRows('email_sends', project.id)).toBe(0)
  })

  it('keeps addresses, customers and refs out of the log', async () => {
    const { token } = await withRule()
    const lines: string[] = []
    const original = console.log
    console.log = (...args: unknown[]) => void lines.push(JSON.stringify(args))
    try {
      await call('POST', '/v1/events', {
        token,
        body: event({ email: 'secret.person@example.com' }),
      })
    } finally {
      console.log = original
    }
    const text = lines.join('\n')
    expect(text).toContain('email event')
    expect(text).not.toMatch(/secret\.person|cus_1|order-1001/)
  })
})

void env
