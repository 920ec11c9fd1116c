import { describe, expect, it } from 'vitest'
import { ADMIN, call, createProject, expectProblem } from '../helpers'

const settings = (token: string) => call('GET', '/v1/project', { token })
const change = (token: string | undefined, body: unknown) =>
  call('PATCH', '/v1/project', { token, body })

describe('GET and PATCH /v1/project', () => {
  it("reads and changes the key's own project; retentionDays null turns anonymisation off", async () => {
    const project = await createProject('Acme')
    const read = await settings(project.secretKey)
    expect(read.status, read.text).toBe(200)
    expect(read.json).toEqual({
      id: project.id,
      name: 'Acme',
      requireSignedIdentity: false,
      retentionDays: null,
      cooldownDays: 14,
      emailReplyTo: null,
      createdAt: expect.any(String),
      timeZone: 'Europe/Copenhagen',
    })
    const changed = await change(project.secretKey, { retentionDays: 30, name: 'Acme A/S' })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.json).toMatchObject({ name: 'Acme A/S', retentionDays: 30 })
    expect((await settings(project.secretKey)).json.retentionDays).toBe(30)
    // The send windows' fallback zone: an IANA name, never an offset.
    expect((await change(project.secretKey, { timeZone: 'America/New_York' })).status).toBe(200)
    expect((await settings(project.secretKey)).json.timeZone).toBe('America/New_York')
    expect((await change(project.secretKey, { timeZone: 'UTC+1' })).status).toBe(400)
    expect((await settings(project.secretKey)).json.timeZone).toBe('America/New_York')
    const off = await change(project.secretKey, { retentionDays: null })
    expect(off.json.retentionDays).toBeNull()
    expect(off.json.name).toBe('Acme A/S')
  })

  it('changes the email cooldown and Reply-To, and refuses a cooldown past 365 days', async () => {
    const project = await createProject('Acme')
    const changed = await change(project.secretKey, {
      cooldownDays: 30,
      emailReplyTo: 'help@acme.example',
    })
    expect(changed.json).toMatchObject({ cooldownDays: 30, emailReplyTo: 'help@acme.example' })
    expectProblem(await change(project.secretKey, { cooldownDays: 366 }), 400, 'validation_failed')
    expect((await settings(project.secretKey)).json.cooldownDays).toBe(30)
  })

  it('takes retentionDays when a project is created', async () => {
    const res = await call('POST', '/v1/projects', {
      token: ADMIN,
      body: { name: 'Short memory', retentionDays: 90 },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json.retentionDays).toBe(90)
    expect((await settings(res.json.secretKey)).json.retentionDays).toBe(90)
    expectProblem(
      await call('POST', '/v1/projects', { token: ADMIN, body: { name: 'x', retentionDays: 0 } }),
      400,
      'validation_failed',
      'retentionDays',
    )
  })

  it('refuses bad values, strangers and publishable keys, and changes nothing', async () => {
    const project = await createProject('Acme')
    const other = await createProject('Other')
    await change(project.secretKey, { retentionDays: 30 })
    for (const retentionDays of [0, 3651, 1.5, '30', -1]) {
      expectProblem(
        await change(project.secretKey, { retentionDays }),
        400,
        'validation_failed',
        'retentionDays',
      )
    }
    expectProblem(await change(project.secretKey, {}), 400, 'validation_failed')
    expectProblem(await change(project.secretKey, { retentionDays: 7, secret: 'x' }), 400)
    expectProblem(await change(undefined, { retentionDays: 7 }), 401)
    expectProblem(await change(project.publishableKey, { retentionDays: 7 }), 403)
    expectProblem(await settings(project.publishableKey), 403)
    // Another project's key changes its own project only.
    expect((await change(other.secretKey, { retentionDays: 7 })).json.id).toBe(other.id)
    expect((await settings(project.secretKey)).json.retentionDays).toBe(30)
  })
})
