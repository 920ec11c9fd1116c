import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { rawRows } from '../manager-helpers'

const importCall = (token: string, responses: unknown[]) =>
  call('POST', '/v1/responses/import', { token, body: { responses } })

const row = (surveyId: string, extra: Record<string, unknown> = {}) => ({
  id: uuid(),
  surveyId,
  score: 9,
  createdAt: '2026-10-01T10:00:00.000Z',
  ...extra,
})

async function rollupTotal(surveyId: string) {
  const r = await env.DB.prepare(
    'SELECT coalesce(sum(total), 0) AS n FROM rollup_days WHERE survey_id = ?',
  )
    .bind(surveyId)
    .first<{ n: number }>()
  return r!.n
}

describe('POST /v1/responses/import', () => {
  it('stores history with its own dates and counts repeats as duplicates', async () => {
    const { project, survey } = await setup()
    const rows = [
      row(survey.id, { score: 0, createdAt: '2025-01-15T08:30:00+02:00' }),
      row(survey.id),
    ]
    const first = await importCall(project.secretKey, rows)
    expect(first.status, first.text).toBe(200)
    expect(first.json).toEqual({ imported: 2, duplicates: 0 })
    const again = await importCall(project.secretKey, [...rows, row(survey.id)])
    expect(again.json).toEqual({ imported: 1, duplicates: 2 })
    const stored = await rawRows(survey.id)
    expect(stored).toHaveLength(3)
    const old = stored.find((r) => r.id === rows[0].id)!
    expect(old).toMatchObject({
      answered_at: '2025-01-15T06:30:00.000Z',
      created_at: '2025-01-15T06:30:00.000Z',
      category: 'detractor',
    })
    expect(await rollupTotal(survey.id)).toBe(3)
  })

  it('lets a later answer for the same customer and ref replace an earlier one, never the reverse', async () => {
    const { project, survey } = await setup()
    const base = { customerId: 'anna', ref: 'T-1' }
    await importCall(project.secretKey, [
      row(survey.id, { ...base, score: 2, createdAt: '2026-10-05T10:00:00.000Z' }),
    ])
    const older = await importCall(project.secretKey, [
      row(survey.id, { ...base, score: 10, createdAt: '2026-10-01T10:00:00.000Z' }),
    ])
    expect(older.json).toEqual({ imported: 0, duplicates: 1 })
    const newer = await importCall(project.secretKey, [
      row(survey.id, { ...base, score: 10, createdAt: '2026-10-07T10:00:00.000Z' }),
    ])
    expect(newer.json).toEqual({ imported: 1, duplicates: 0 })
    const stored = await rawRows(survey.id)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      score: 10,
      category: 'promoter',
      answered_at: '2026-10-07T10:00:00.000Z',
    })
    const res = await call('GET', `/v1/metrics?surveyId=${survey.id}&groupBy=day`, {
      token: project.secretKey,
    })
    expect(res.json.series).toEqual([
      expect.objectContaining({ key: '2026-10-07', total: 1, promoters: 1 }),
    ])
  })

  it('rejects the whole call for one bad row, naming its index, and stores nothing', async () => {
    const { project, survey } = await setup()
    const good = Array.from({ length: 30 }, () => row(survey.id))
    const cases: [unknown, string][] = [
      [{ ...row(survey.id), score: 11 }, 'responses.17.score'],
      [{ ...row(survey.id), score: 4.5 }, 'responses.17.score'],
      [{ ...row(survey.id), createdAt: '2999-01-01T00:00:00.000Z' }, 'responses.17.createdAt'],
      [{ ...row(survey.id), createdAt: 'yesterday' }, 'responses.17.createdAt'],
      [{ ...row(survey.id), email: 'not-an-email' }, 'responses.17.email'],
      [{ ...row(survey.id), reason: 'x'.repeat(2001) }, 'responses.17.reason'],
      [{ ...row(survey.id), surprise: true }, 'responses.17'],
      [{ ...row(survey.id), surveyId: 'srv_nope' }, 'responses.17.surveyId'],
      [{ ...row(survey.id), customerHash: 'ab' }, 'responses.17.customerHash'],
      [{ ...row(survey.id), id: good[3].id, surveyId: 'srv_other' }, 'responses.17.surveyId'],
    ]
    for (const [bad, path] of cases) {
      const rows = [...good.slice(0, 17), bad, ...good.slice(17)]
      const res = await importCall(project.secretKey, rows)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(
        res.json.errors
          .map((e: { path: string }) => e.path)
          .some((p: string) => p.startsWith(path)),
        res.text,
      ).toBe(true)
    }
    expect(await rawRows(survey.id)).toHaveLength(0)
    expect(await rollupTotal(survey.id)).toBe(0)
  })

  it('checks a customerHash when one is given, like a live answer', async () => {
    const { project, survey } = await setup()
    const hash = await hmacSha256Hex(project.identitySecret, 'anna')
    const ok = await importCall(project.secretKey, [
      row(survey.id, { customerId: 'anna', customerHash: hash }),
    ])
    expect(ok.json).toEqual({ imported: 1, duplicates: 0 })
    const bad = await importCall(project.secretKey, [
      row(survey.id, { customerId: 'bo', customerHash: hash }),
    ])
    expectProblem(bad, 400, 'validation_failed', 'responses.0.customerHash')
  })

  it("refuses an id already used by another project's answer without touching it", async () => {
    const { project, survey } = await setup()
    const taken = row(survey.id, { score: 0 })
    await importCall(project.secretKey, [taken])
    const other = await createProject('Other')
    const otherSurvey = await createSurvey(other.secretKey)
    const res = await importCall(other.secretKey, [
      row(otherSurvey.id),
      { ...taken, surveyId: otherSurvey.id, score: 10 },
    ])
    expectProblem(res, 400, 'validation_failed', 'responses.1.id')
    expect((await rawRows(survey.id))[0].score).toBe(0)
    expect(await rawRows(otherSurvey.id)).toHaveLength(0)
  })

  it('names a foreign id in the last chunk of a large call and stores nothing of it', async () => {
    const { project, survey } = await setup()
    const second = await createSurvey(project.secretKey)
    const taken = row(second.id, { score: 0 })
    await importCall(project.secretKey, [taken])
    const rows = Array.from({ length: 1000 }, () => row(survey.id, { reason: 'r'.repeat(2000) }))
    rows[999] = { ...rows[999], id: taken.id.toUpperCase() }
    const res = await importCall(project.secretKey, rows)
    expectProblem(res, 400, 'validation_failed', 'responses.999.id')
    expect(res.json.detail).toMatch(/^Row 999 /)
    expect(await rawRows(survey.id)).toHaveLength(0)
    expect(await rollupTotal(survey.id)).toBe(0)
    expect(await rawRows(second.id)).toMatchObject([{ score: 0 }])
  })

  it("refuses another project's survey", async () => {
    const { survey } = await setup()
    const other = await createProject('Other')
    expectProblem(
      await importCall(other.secretKey, [row(survey.id)]),
      400,
      'validation_failed',
      'responses.0.surveyId',
    )
    expect(await rawRows(survey.id)).toHaveLength(0)
  })

  it('takes 1,000 rows in one call and refuses 1,001', async () => {
    const { project, survey } = await setup()
    const rows = Array.from({ length: 1001 }, (_, i) =>
      row(survey.id, {
        score: i % 11,
        reason: 'r'.repeat(200),
        properties: { plan: 'pro', segment: 'smb' },
      }),
    )
    expectProblem(await importCall(project.secretKey, rows), 400, 'validation_failed', 'responses')
    const res = await importCall(project.secretKey, rows.slice(0, 1000))
    expect(res.json).toEqual({ imported: 1000, duplicates: 0 })
    expect(await rollupTotal(survey.id)).toBe(1000)
  })

  it('refuses an empty list, a body that is not JSON, a huge body and a missing key', async () => {
    const { project, survey } = await setup()
    expectProblem(await importCall(project.secretKey, []), 400, 'validation_failed', 'responses')
    const raw = await call('POST', '/v1/responses/import', {
      token: project.secretKey,
      raw: '{"responses": [',
      headers: { 'content-type': 'application/json' },
    })
    expect(raw.status).toBe(400)
    expect(raw.headers.get('content-type')).toContain('application/problem+json')
    const huge = await call('POST', '/v1/responses/import', {
      token: project.secretKey,
      raw: JSON.stringify({ responses: [row(survey.id, { reason: 'x'.repeat(9 * 1024 * 1024) })] }),
      headers: { 'content-type': 'application/json' },
    })
    expectProblem(huge, 413, 'body_too_large')
    expectProblem(
      await call('POST', '/v1/responses/import', { body: { responses: [row(survey.id)] } }),
      401,
    )
    expectProblem(await importCall(project.publishableKey, [row(survey.id)]), 403)
    expect(await rawRows(survey.id)).toHaveLength(0)
  })
})
