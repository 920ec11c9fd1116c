import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import {
  IMPORT_CHUNK_BYTES,
  importChunks,
  importStatements,
  isForeignIdError,
} from '../../../../worker/db/responses'
import { findSurveyForAnswer } from '../../../../worker/db/surveys'
import { answerRow } from '../../../../worker/services/answers'
import { createSurvey, setup, uuid } from '../../helpers'
import { rawRows } from '../../manager-helpers'

async function rowsFor(surveyId: string, n: number, extra: Record<string, unknown> = {}) {
  const target = (await findSurveyForAnswer(env.DB, surveyId))!
  return Array.from({ length: n }, (_, i) =>
    answerRow(
      target,
      { id: uuid(), surveyId, score: i % 11, ...extra },
      { channel: 'import', now: new Date(), answeredAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
    ),
  )
}

describe('importChunks', () => {
  it('keeps every row, in order, in chunks under the byte budget', async () => {
    const { survey } = await setup()
    // 'ø' is two bytes in UTF-8: the budget counts bytes, not characters.
    const rows = await rowsFor(survey.id, 1000, { reason: 'ø'.repeat(2000) })
    const chunks = importChunks(rows)
    expect(chunks.length).toBeGreaterThan(3)
    for (const c of chunks)
      expect(new TextEncoder().encode(c).length).toBeLessThan(IMPORT_CHUNK_BYTES)
    const ids = chunks.flatMap((c) => JSON.parse(c).map((r: unknown[]) => r[0]))
    expect(ids).toEqual(rows.map((r) => r.id))
  })
})

describe('importStatements', () => {
  it('writes many rows with one statement per chunk, each binding one parameter', async () => {
    const { survey } = await setup()
    const rows = await rowsFor(survey.id, 300)
    const statements = importStatements(env.DB, rows)
    expect(statements).toHaveLength(1)
    const [result] = await env.DB.batch(statements)
    expect(result.results).toHaveLength(300)
    expect(await rawRows(survey.id)).toHaveLength(300)
  })

  it("refuses, in the write itself, an id stored for another project's answer, leaving nothing of the batch", async () => {
    // No check runs before: this is what a concurrent call that stored the id first meets.
    const { survey } = await setup()
    const other = await setup()
    const [taken] = await rowsFor(other.survey.id, 1)
    await env.DB.batch(importStatements(env.DB, [taken]))
    const rows = await rowsFor(survey.id, 1000, { reason: 'r'.repeat(2000) })
    rows[999] = { ...rows[999], id: taken.id }
    const statements = importStatements(env.DB, rows)
    expect(statements.length).toBeGreaterThan(1)
    const err = await env.DB.batch(statements).catch((e: unknown) => e)
    expect(isForeignIdError(err)).toBe(true)
    expect(await rawRows(survey.id)).toHaveLength(0)
    expect(await rawRows(other.survey.id)).toMatchObject([{ id: taken.id, score: taken.score }])
  })

  it('refuses an id stored for another survey of the same project', async () => {
    const { project, survey } = await setup()
    const second = await createSurvey(project.secretKey)
    const [taken] = await rowsFor(second.id, 1)
    await env.DB.batch(importStatements(env.DB, [taken]))
    const [row] = await rowsFor(survey.id, 1)
    const err = await env.DB.batch(importStatements(env.DB, [{ ...row, id: taken.id }])).catch(
      (e: unknown) => e,
    )
    expect(isForeignIdError(err)).toBe(true)
  })

  it('counts a repeated id of the same survey as nothing written', async () => {
    const { survey } = await setup()
    const rows = await rowsFor(survey.id, 3)
    await env.DB.batch(importStatements(env.DB, rows))
    const [again] = await env.DB.batch(importStatements(env.DB, rows))
    expect(again.results).toHaveLength(0)
  })
})
