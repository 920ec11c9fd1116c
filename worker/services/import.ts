// POST /v1/responses/import: history from another tool, checked like live answers, stored in
// one D1 batch (one transaction), so a bad row leaves nothing of the call behind.
import type { Problem } from '../../schema/problem'
import type { ImportInput, ImportResult, ImportRow } from '../../schema/response'
import { findStoredIds, upsertStatement } from '../db/responses'
import { findSurveysForAnswer, type SurveyForAnswer } from '../db/surveys'
import { ApiError, validationError } from '../lib/problem'
import { answerRow, checkIdentity, checkScore } from './answers'

type FieldErrors = NonNullable<Problem['errors']>

/** Older than this is a unit mix-up (seconds for milliseconds), not history. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z')

/** Runs one of the shared answer checks and files its complaints under the row's index. */
async function collect(errors: FieldErrors, index: number, check: () => void | Promise<void>) {
  try {
    await check()
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    const fields = err.errors?.length ? err.errors : [{ path: '', message: err.message }]
    for (const e of fields) {
      errors.push({
        path: [`responses.${index}`, e.path].filter(Boolean).join('.'),
        message: e.message,
      })
    }
  }
}

async function checkRows(rows: ImportRow[], targets: Map<string, SurveyForAnswer>, now: number) {
  const errors: FieldErrors = []
  const surveyOfId = new Map<string, string>()
  for (const [i, row] of rows.entries()) {
    const target = targets.get(row.surveyId)
    if (!target) {
      errors.push({
        path: `responses.${i}.surveyId`,
        message: 'no live survey with this id in this project',
      })
      continue
    }
    await collect(errors, i, () => checkScore(target, row.score))
    await collect(errors, i, () => checkIdentity(target, row.customerId, row.customerHash))
    const at = Date.parse(row.createdAt)
    if (at > now) errors.push({ path: `responses.${i}.createdAt`, message: 'is in the future' })
    if (at < EARLIEST) errors.push({ path: `responses.${i}.createdAt`, message: 'is before 2000' })
    const id = row.id.toLowerCase()
    if ((surveyOfId.get(id) ?? row.surveyId) !== row.surveyId) {
      errors.push({
        path: `responses.${i}.id`,
        message: 'this id is used for another survey earlier in this call',
      })
    }
    surveyOfId.set(id, row.surveyId)
  }
  return { errors, surveyOfId }
}

export async function importAnswers(
  d1: D1Database,
  projectId: string,
  input: ImportInput,
  now: Date,
): Promise<{ result: ImportResult; rowsWritten: number }> {
  const rows = input.responses
  const found = await findSurveysForAnswer(d1, projectId, [...new Set(rows.map((r) => r.surveyId))])
  // The caller holds the secret key, i.e. is the project's server: a customerHash, when given,
  // must match, but none is required even where the project requires signed identity.
  const targets = new Map<string, SurveyForAnswer>(
    [...found].map(([id, t]) => [id, { ...t, requireSignedIdentity: false }]),
  )
  const { errors, surveyOfId } = await checkRows(rows, targets, now.getTime())
  // A UUID stored for another survey (or project) would be silently skipped: refuse it instead.
  const stored = await findStoredIds(d1, [...surveyOfId.keys()])
  for (const [i, row] of rows.entries()) {
    const hit = stored.get(row.id.toLowerCase())
    if (hit && (hit.project_id !== projectId || hit.survey_id !== row.surveyId)) {
      errors.push({
        path: `responses.${i}.id`,
        message: 'already used by another answer; make a new UUID',
      })
    }
  }
  if (errors.length) {
    const rowOf = (e: { path: string }) => Number(e.path.split('.')[1])
    errors.sort((a, b) => rowOf(a) - rowOf(b))
    const first = rowOf(errors[0])
    throw validationError(
      errors.slice(0, 100),
      `Row ${first} (and any others listed) is invalid; nothing was imported.`,
    )
  }

  const statements = rows.map((row) =>
    upsertStatement(
      d1,
      answerRow(targets.get(row.surveyId)!, row, {
        channel: 'import',
        now,
        answeredAt: new Date(row.createdAt),
      }),
    ),
  )
  // One batch is one transaction: all rows or none. Each statement binds 19 parameters (D1 allows
  // 100 per statement); a batch is one round trip, however many statements it holds.
  const results = await d1.batch(statements)
  const imported = results.filter((r) => (r.results?.length ?? 0) > 0).length
  // D1 counts trigger writes (rollups) and index entries in rows_written: the real cost of an answer.
  const rowsWritten = results.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0)
  return { result: { imported, duplicates: rows.length - imported }, rowsWritten }
}
