import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { CSV_PART_ROWS } from '../../../worker/services/csv-export'
import { importRows, rawRows, seedAnswers } from '../manager-helpers'

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let i = 0
  while (i < text.length) {
    if (text[i] === '"') {
      i++
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') ((field += '"'), (i += 2))
        else if (text[i] === '"') break
        else if (i >= text.length) throw new Error('unterminated quote')
        else field += text[i++]
      }
      i++
    } else if (text[i] === ',') {
      ;(record.push(field), (field = ''), i++)
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      ;(record.push(field), records.push(record), (field = ''), (record = []), (i += 2))
    } else {
      field += text[i++]
    }
  }
  if (field !== '' || record.length) throw new Error('last record lacks CRLF')
  return records
}

const list = (token: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
  call('GET', `/v1/responses?${new URLSearchParams(query)}`, { token, headers })

async function pageThrough(token: string, query: Record<string, string>) {
  const seen: { id: string }[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await list(token, { ...query, ...(cursor ? { cursor } : {}) })
    expect(res.status, res.text).toBe(200)
    seen.push(...res.json.data)
    cursor = res.json.nextCursor
    pages++
  } while (cursor && pages < 1000)
  return seen
}

describe('GET /v1/responses', () => {
  it('pages through every row exactly once, whatever the page size', async () => {
    const { project, survey } = await setup()
    // Several answers share a createdAt, so the id must break ties.
    const rows = Array.from({ length: 37 }, (_, i) => ({
      surveyId: survey.id,
      score: i % 11,
      createdAt: `2026-10-0${1 + (i % 4)}T10:00:00.000Z`,
    }))
    await importRows(project.secretKey, rows)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (limit) => {
        const seen = await pageThrough(project.secretKey, {
          surveyId: survey.id,
          limit: String(limit),
        })
        expect(seen).toHaveLength(37)
        expect(new Set(seen.map((r) => r.id)).size).toBe(37)
      }),
      { numRuns: 8 },
    )
  })

  it('keeps pages stable while answers arrive between them', async () => {
    const { project, survey } = await setup()
    await importRows(
      project.secretKey,
      Array.from({ length: 20 }, (_, i) => ({
        surveyId: survey.id,
        score: 5,
        createdAt: `2026-10-01T10:00:${String(i).padStart(2, '0')}.000Z`,
      })),
    )
    const before = (await rawRows(survey.id)).map((r) => r.id)
    const seen: string[] = []
    let cursor: string | null = null
    let minute = 0
    do {
      const res = await list(project.secretKey, {
        surveyId: survey.id,
        limit: '6',
        ...(cursor ? { cursor } : {}),
      })
      expect(res.status, res.text).toBe(200)
      for (const r of res.json.data) seen.push(r.id)
      cursor = res.json.nextCursor
      // Between pages: a live answer (the newest) and an imported one from the middle of history.
      await call('POST', '/v1/public/responses', {
        body: { id: uuid(), surveyId: survey.id, score: 9 },
      })
      await importRows(project.secretKey, [
        { surveyId: survey.id, score: 1, createdAt: `2026-10-01T10:00:0${minute++}.500Z` },
      ])
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    for (const id of before) expect(seen.filter((s) => s === id)).toHaveLength(1)
  })

  it('filters by window, touchpoint, category, customer and follow-up', async () => {
    const { project, survey } = await setup()
    const ids = Array.from({ length: 5 }, () => uuid())
    await importRows(project.secretKey, [
      {
        id: ids[0],
        surveyId: survey.id,
        score: 0,
        touchpoint: 'support',
        customerId: 'anna',
        createdAt: '2026-10-01T00:00:00.000Z',
      },
      {
        id: ids[1],
        surveyId: survey.id,
        score: 10,
        touchpoint: 'purchase',
        customerId: 'bo',
        createdAt: '2026-10-01T23:59:59.999Z',
      },
      {
        id: ids[2],
        surveyId: survey.id,
        score: 7,
        touchpoint: 'support',
        createdAt: '2026-10-02T00:00:00.000Z',
      },
      {
        id: ids[3],
        surveyId: survey.id,
        score: 3,
        customerId: 'anna',
        createdAt: '2026-10-03T12:00:00.000Z',
      },
      { id: ids[4], surveyId: survey.id, score: 9, createdAt: '2026-09-30T23:59:59.999Z' },
    ])
    await call('PATCH', `/v1/responses/${ids[3]}`, {
      token: project.secretKey,
      body: { followUp: 'open' },
    })
    const idsOf = async (q: Record<string, string>) => {
      const res = await list(project.secretKey, { surveyId: survey.id, ...q })
      expect(res.status, res.text).toBe(200)
      return res.json.data.map((r: { id: string }) => r.id).sort()
    }
    expect(await idsOf({ from: '2026-10-01', to: '2026-10-01' })).toEqual([ids[0], ids[1]].sort())
    expect(await idsOf({ from: '2026-10-02' })).toEqual([ids[2], ids[3]].sort())
    expect(await idsOf({ to: '2026-09-30' })).toEqual([ids[4]])
    expect(await idsOf({ touchpoint: 'support' })).toEqual([ids[0], ids[2]].sort())
    expect(await idsOf({ category: 'detractor' })).toEqual([ids[0], ids[3]].sort())
    expect(await idsOf({ customerId: 'anna', category: 'detractor' })).toEqual(
      [ids[0], ids[3]].sort(),
    )
    expect(await idsOf({ followUp: 'open' })).toEqual([ids[3]])
    expectProblem(
      await list(project.secretKey, { surveyId: survey.id, category: 'angry' }),
      400,
      'validation_failed',
      'query.category',
    )
    expectProblem(
      await list(project.secretKey, { surveyId: survey.id, limit: '1001' }),
      400,
      'validation_failed',
      'query.limit',
    )
    expectProblem(
      await list(project.secretKey, { surveyId: survey.id, cursor: 'garbage!' }),
      400,
      'validation_failed',
      'query.cursor',
    )
  })

  it('streams CSV that parses back to the same rows, with formulas neutralised', async () => {
    const { project, survey } = await setup()
    const tricky = [
      '=HYPERLINK("http://evil.example","click")',
      '+1 555',
      '-2',
      '@SUM(A1)',
      '\tindent',
      '\rreturn',
      'plain, with comma',
      'line\nbreak and "quotes"',
      'æøå — ünïcødé 👍',
    ]
    await importRows(
      project.secretKey,
      tricky.map((reason, i) => ({
        surveyId: survey.id,
        score: i,
        reason,
        touchpoint: i === 0 ? '=cmd' : 'purchase',
        properties: { plan: 'pro', n: i },
        createdAt: `2026-10-01T10:00:0${i}.000Z`,
      })),
    )
    const json = await pageThrough(project.secretKey, { surveyId: survey.id, limit: '1000' })
    const res = await list(project.secretKey, { surveyId: survey.id }, { accept: 'text/csv' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const [header, ...records] = parseCsv(res.text)
    expect(header[0]).toBe('id')
    expect(records).toHaveLength(tricky.length)
    const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)
    for (const [i, record] of records.entries()) {
      const row = Object.fromEntries(header.map((h, j) => [h, record[j]]))
      const expected = json[i] as Record<string, unknown>
      expect(row.id).toBe(expected.id)
      expect(unneutralise(row.reason)).toBe(expected.reason)
      expect(unneutralise(row.touchpoint)).toBe(expected.touchpoint)
      expect(Number(row.score)).toBe(expected.score)
      expect(JSON.parse(row.properties)).toEqual(expected.properties)
      expect(row.customerId).toBe('')
      expect(row.test).toBe('false')
      // No cell reaches a spreadsheet starting with a formula character.
      for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
  })

  it('streams a CSV longer than one internal page', async () => {
    const { project, survey } = await setup()
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      surveyId: survey.id,
      score: i % 11,
      createdAt: '2026-10-01T10:00:00.000Z',
    }))
    await importRows(project.secretKey, rows)
    await importRows(
      project.secretKey,
      rows.slice(0, 5).map((r) => ({ ...r, createdAt: '2026-10-02T10:00:00.000Z' })),
    )
    const res = await list(project.secretKey, { surveyId: survey.id }, { accept: 'text/csv' })
    const records = parseCsv(res.text).slice(1)
    expect(records).toHaveLength(1005)
    expect(new Set(records.map((r) => r[0])).size).toBe(1005)
  })

  it('splits a CSV of more answers than one part into linked parts that hold each answer once', async () => {
    const { project, survey } = await setup()
    const total = CSV_PART_ROWS + 1500
    await seedAnswers(project.id, survey.id, total, { days: 30 })
    const first = await list(project.secretKey, { surveyId: survey.id }, { accept: 'text/csv' })
    expect(first.status).toBe(200)
    const link = first.headers.get('link')
    expect(link).toMatch(/^<http:\/\/kundepuls\.test\/v1\/responses\?.*cursor=.*>; rel="next"$/)
    const next = new URL(link!.slice(1, link!.indexOf('>')))
    expect(next.searchParams.get('surveyId')).toBe(survey.id)
    const second = await call('GET', `${next.pathname}${next.search}`, {
      token: project.secretKey,
      headers: { accept: 'text/csv' },
    })
    expect(second.headers.get('link')).toBeNull()
    const ids = [...parseCsv(first.text).slice(1), ...parseCsv(second.text).slice(1)].map(
      (r) => r[0],
    )
    expect(parseCsv(first.text)).toHaveLength(CSV_PART_ROWS + 1)
    expect(ids).toHaveLength(total)
    expect(new Set(ids).size).toBe(total)
  }, 30_000) // seeds 41,500 answers

  it('streams just the header when nothing matches', async () => {
    const { project, survey } = await setup()
    const res = await list(project.secretKey, { surveyId: survey.id }, { accept: 'text/csv' })
    expect(res.status).toBe(200)
    expect(parseCsv(res.text)).toHaveLength(1)
  })

  it("answers another project's survey with 404", async () => {
    const { survey } = await setup()
    const other = await createProject('Other')
    expectProblem(await list(other.secretKey, { surveyId: survey.id }), 404, 'not_found')
    expectProblem(
      await list(other.secretKey, { surveyId: survey.id }, { accept: 'text/csv' }),
      404,
      'not_found',
    )
  })
})

describe('GET /v1/responses across the surveys of a project', () => {
  it("lists every survey's answers without surveyId, and the follow-up inbox's pending negatives with polarity and followUp=pending", async () => {
    const { project, survey: nps } = await setup()
    const ces = await createSurvey(project.secretKey, { name: 'Support', kind: 'ces' })
    const other = await setup()
    const [npsOpen, npsClosed, npsReopened, cesOpen] = [uuid(), uuid(), uuid(), uuid()]
    const at = '2026-10-01T10:00:00.000Z'
    await importRows(project.secretKey, [
      { id: npsOpen, surveyId: nps.id, score: 2, createdAt: at },
      { id: npsClosed, surveyId: nps.id, score: 3, createdAt: at },
      { id: npsReopened, surveyId: nps.id, score: 4, createdAt: at },
      { surveyId: nps.id, score: 10, createdAt: at },
      { surveyId: nps.id, score: 8, createdAt: at },
      { id: cesOpen, surveyId: ces.id, score: 1, createdAt: at },
      { surveyId: ces.id, score: 7, createdAt: at },
    ])
    await importRows(other.project.secretKey, [
      { surveyId: other.survey.id, score: 0, createdAt: at },
    ])
    const manage = (id: string, followUp: string) =>
      call('PATCH', `/v1/responses/${id}`, { token: project.secretKey, body: { followUp } })
    await manage(npsClosed, 'closed')
    await manage(npsReopened, 'closed')
    await manage(npsReopened, 'open')
    const ids = async (query: Record<string, string>) =>
      (await pageThrough(project.secretKey, query)).map((r) => r.id).sort()
    expect(await ids({})).toHaveLength(7)
    expect(await ids({ polarity: 'negative', followUp: 'pending' })).toEqual(
      [npsOpen, npsReopened, cesOpen].sort(),
    )
    expect(await ids({ polarity: 'negative', followUp: 'closed' })).toEqual([npsClosed])
    expect(await ids({ polarity: 'positive' })).toHaveLength(2)
    expect(await ids({ polarity: 'neutral', surveyId: nps.id })).toHaveLength(1)
    expect(await ids({ surveyId: ces.id, followUp: 'pending' })).toHaveLength(2)
    expectProblem(await list(project.secretKey, { polarity: 'bad' }), 400, 'validation_failed')
    expectProblem(await list(project.secretKey, { followUp: 'all' }), 400, 'validation_failed')
  })
})

describe('GET /v1/responses/:id', () => {
  it("reads one answer of the project; another project's, or an unknown id, is a 404", async () => {
    const { project, survey } = await setup()
    const id = uuid()
    await importRows(project.secretKey, [
      {
        id,
        surveyId: survey.id,
        score: 2,
        reason: 'Late',
        ref: 'ORD-1',
        createdAt: '2026-10-01T10:00:00.000Z',
      },
    ])
    const res = await call('GET', `/v1/responses/${id.toUpperCase()}`, { token: project.secretKey })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({
      id,
      surveyId: survey.id,
      score: 2,
      reason: 'Late',
      ref: 'ORD-1',
    })
    const other = await createProject('Other')
    expectProblem(
      await call('GET', `/v1/responses/${id}`, { token: other.secretKey }),
      404,
      'not_found',
    )
    expectProblem(
      await call('GET', `/v1/responses/${uuid()}`, { token: project.secretKey }),
      404,
      'not_found',
    )
    expectProblem(
      await call('GET', '/v1/responses/not-a-uuid', { token: project.secretKey }),
      400,
      'validation_failed',
    )
  })
})

describe('PATCH /v1/responses/:id', () => {
  it('closes the loop on a detractor and keeps a note', async () => {
    const { project, survey } = await setup()
    const id = uuid()
    await importRows(project.secretKey, [
      { id, surveyId: survey.id, score: 2, createdAt: '2026-10-01T10:00:00.000Z' },
    ])
    const res = await call('PATCH', `/v1/responses/${id}`, {
      token: project.secretKey,
      body: { followUp: 'closed', note: 'Called back; refunded the shipping.' },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({
      id,
      followUp: 'closed',
      note: 'Called back; refunded the shipping.',
      test: false,
    })
  })

  it('refuses bad bodies and changes nothing', async () => {
    const { project, survey } = await setup()
    const id = uuid()
    await importRows(project.secretKey, [
      { id, surveyId: survey.id, score: 2, createdAt: '2026-10-01T10:00:00.000Z' },
    ])
    const patch = (body: unknown) =>
      call('PATCH', `/v1/responses/${id}`, { token: project.secretKey, body })
    expectProblem(await patch({}), 400, 'validation_failed')
    expectProblem(await patch({ followUp: 'maybe' }), 400, 'validation_failed', 'followUp')
    expectProblem(await patch({ score: 10 }), 400, 'validation_failed')
    expectProblem(await patch({ note: 'x'.repeat(2001) }), 400, 'validation_failed', 'note')
    expectProblem(await patch({ test: 'yes' }), 400, 'validation_failed', 'test')
    const [stored] = (await list(project.secretKey, { surveyId: survey.id })).json.data
    expect(stored).toMatchObject({ followUp: null, note: null, test: false, score: 2 })
  })

  it("answers another project's answer, or an unknown one, with 404", async () => {
    const { project, survey } = await setup()
    const id = uuid()
    await importRows(project.secretKey, [
      { id, surveyId: survey.id, score: 2, createdAt: '2026-10-01T10:00:00.000Z' },
    ])
    const other = await createProject('Other')
    expectProblem(
      await call('PATCH', `/v1/responses/${id}`, { token: other.secretKey, body: { test: true } }),
      404,
      'not_found',
    )
    expectProblem(
      await call('PATCH', `/v1/responses/${uuid()}`, {
        token: project.secretKey,
        body: { test: true },
      }),
      404,
    )
    const [stored] = (await list(project.secretKey, { surveyId: survey.id })).json.data
    expect(stored.test).toBe(false)
  })
})
