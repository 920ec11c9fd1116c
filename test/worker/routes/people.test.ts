import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { call, createProject, expectProblem } from '../helpers'
import { countRows, readKey } from '../email/trigger-helpers'

const peopleOf = async (projectId: string) =>
  (
    await env.DB.prepare('SELECT * FROM people WHERE project_id = ? ORDER BY email')
      .bind(projectId)
      .all<Record<string, any>>()
  ).results

describe('POST /v1/people', () => {
  it('stores one person or many, one per address compared case-blind, and updates on repeat', async () => {
    const { id, secretKey: token } = await createProject()
    const one = await call('POST', '/v1/people', {
      token,
      body: {
        email: 'Ann@Example.com',
        customerId: 'c-1',
        name: 'Ann',
        properties: { value: 1200 },
      },
    })
    expect(one.status, one.text).toBe(201)
    expect(one.json.stored).toBe(1)
    const many = await call('POST', '/v1/people', {
      token,
      body: [
        { email: 'ann@example.com', timeZone: 'Europe/Oslo' },
        { email: 'bo@example.com', locale: 'da' },
      ],
    })
    expect(many.json.stored).toBe(2)
    expect(many.json.ids[0]).toBe(one.json.ids[0])
    const rows = await peopleOf(id)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      email: 'ann@example.com',
      customer_id: 'c-1',
      name: 'Ann',
      time_zone: 'Europe/Oslo',
    })
    expect(rows[0].email_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses an invalid address or time zone anywhere in the list and stores nobody', async () => {
    const { id, secretKey: token } = await createProject()
    expectProblem(
      await call('POST', '/v1/people', {
        token,
        body: [{ email: 'ok@example.com' }, { email: 'nope' }],
      }),
      400,
      'validation_failed',
    )
    expectProblem(
      await call('POST', '/v1/people', {
        token,
        body: { email: 'ok@example.com', timeZone: 'GMT+2' },
      }),
      400,
      'validation_failed',
      'timeZone',
    )
    expectProblem(
      await call('POST', '/v1/people', { token: await readKey(token), body: { email: 'a@b.dk' } }),
      403,
    )
    expect(await countRows('people', id)).toBe(0)
  })

  it('imports a CSV with quoted fields, other columns as properties and numbers as numbers', async () => {
    const { id, secretKey: token } = await createProject()
    const csv =
      '\uFEFFemail,customerId,name,timeZone,value,plan\r\n' +
      'ann@example.com,c-1,"Lund, Ann",Europe/Copenhagen,1200.5,pro\r\n' +
      'bo@example.com,,"Bo ""B"" Berg",America/New_York,80,\r\n'
    const res = await call('POST', '/v1/people/import', {
      token,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json.stored).toBe(2)
    const [ann, bo] = await peopleOf(id)
    expect(ann).toMatchObject({ name: 'Lund, Ann', customer_id: 'c-1' })
    expect(JSON.parse(ann!.properties)).toEqual({ value: 1200.5, plan: 'pro' })
    expect(bo).toMatchObject({
      name: 'Bo "B" Berg',
      customer_id: null,
      time_zone: 'America/New_York',
    })
    expect(JSON.parse(bo!.properties)).toEqual({ value: 80 })
  })

  it('refuses a CSV with one bad line, naming the line, and stores nobody', async () => {
    const { id, secretKey: token } = await createProject()
    const res = await call('POST', '/v1/people/import', {
      token,
      raw: 'email,timeZone\nann@example.com,Europe/Oslo\nbo@example.com,Nowhere/Land\n',
      headers: { 'content-type': 'text/csv' },
    })
    expectProblem(res, 400, 'validation_failed')
    expect(JSON.stringify(res.json.errors)).toContain('line 3')
    expect(await countRows('people', id)).toBe(0)
  })

  it('erasure removes the person, by customer id or by address, and keeps their address suppressed', async () => {
    const { id, secretKey: token } = await createProject()
    await call('POST', '/v1/people', {
      token,
      body: [
        { email: 'ann@example.com', customerId: 'c-erase' },
        { email: 'bo@example.com' },
        { email: 'cy@example.com' },
      ],
    })
    const byId = await call('DELETE', '/v1/customers/c-erase', { token })
    expect(byId.status, byId.text).toBeLessThan(300)
    const byEmail = await call('DELETE', '/v1/customers?email=bo%40example.com', { token })
    expect(byEmail.status, byEmail.text).toBeLessThan(300)
    expect((await peopleOf(id)).map((p) => p.email)).toEqual(['cy@example.com'])
    const suppressed = await env.DB.prepare(
      "SELECT count(*) AS n FROM suppressions WHERE project_id = ? AND reason = 'erased'",
    )
      .bind(id)
      .first<{ n: number }>()
    expect(suppressed!.n).toBe(2)
  })
})
