// POST /v1/responses/import: history from another tool, checked like live answers, stored in
// one D1 batch (one transaction) of a few json_each statements, so a bad row leaves nothing of
// the call behind and a 1,000-row call stays within the Free plan's 50 queries.
import type { Problem } from '../../schema/problem'
import type { ImportInput, ImportResult, ImportRow } from '../../schema/response'
import { findStoredIds, importStatements, isForeignIdError } from '../db/responses'
import { findSurveysForAnswer, type SurveyForAnswer } from '../db/surveys'
import { ApiError, idConflict, validationError } from '../lib/problem'
import { answerRow, checkIdentity, checkScore } from './answers'
import type { Ctx } from '../context'

type FieldErrors = NonNullable<Problem['errors']>

/** Older than this is a unit mix-up (seconds for milliseconds), not history. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z')

/** Runs one of the shared answer checks and files its complaints under the row's index. */
async function collect(errors: FieldErrors, index: number, check: () => unknown) {
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
  ctx: Ctx,
  input: ImportInput,
): Promise<{ result: ImportResult; rowsWritten: number }> {
  const { db: d1, projectId, now } = ctx
  const rows = input.responses
  const found = await findSurveysForAnswer(d1, projectId, [...new Set(rows.map((r) => r.surveyId))])
  // The caller holds the secret key, i.e. is the project's server: a customerHash, when given,
  // must match, but none is required even where the project requires signed identity.
  const targets = new Map<string, SurveyForAnswer>(
    [...found].map(([id, t]) => [id, { ...t, requireSignedIdentity: false }]),
  )
  const { errors, surveyOfId } = await checkRows(rows, targets, now.getTime())
  if (errors.length) throw rowErrors(errors)

  const answers = rows.map((row) =>
    answerRow(targets.get(row.surveyId)!, row, {
      channel: 'import',
      now,
      answeredAt: new Date(row.createdAt),
      // The caller holds the secret key: its customers are proven, so a newer import replaces
      // the answer for the same ref and counts in the contact ledger.
      identityProof: 'secret_key',
    }),
  )
  let results: D1Result[]
  try {
    // One batch is one transaction: all rows or none.
    results = await d1.batch(importStatements(d1, answers))
  } catch (err) {
    if (!isForeignIdError(err)) throw err
    // The write refused an id stored for another survey or project (it would have been silently
    // skipped): name the rows. Read after the refusal, so this never decides anything itself.
    throw rowErrors(await foreignIds(d1, projectId, rows, [...surveyOfId.keys()]))
  }
  const imported = results.reduce((n, r) => n + r.results.length, 0)
  // D1 counts trigger writes (rollups) and index entries in rows_written: the real cost of an answer.
  const rowsWritten = results.reduce((n, r) => n + (r.meta.rows_written ?? 0), 0)
  return { result: { imported, duplicates: rows.length - imported }, rowsWritten }
}

async function foreignIds(d1: D1Database, projectId: string, rows: ImportRow[], ids: string[]) {
  const stored = await findStoredIds(d1, ids)
  const errors: FieldErrors = []
  for (const [i, row] of rows.entries()) {
    const hit = stored.get(row.id.toLowerCase())
    if (hit && (hit.project_id !== projectId || hit.survey_id !== row.surveyId)) {
      errors.push({
        path: `responses.${i}.id`,
        message: 'already used by another answer; make a new UUID',
      })
    }
  }
  // Refused, yet gone when looked up: the other answer was erased meanwhile; a retry will pass.
  if (!errors.length) throw idConflict()
  return errors
}

function rowErrors(errors: FieldErrors) {
  const rowOf = (e: { path: string }) => Number(e.path.split('.')[1])
  errors.sort((a, b) => rowOf(a) - rowOf(b))
  return validationError(
    errors.slice(0, 100),
    `Row ${rowOf(errors[0])} (and any others listed) is invalid; nothing was imported.`,
  )
}
