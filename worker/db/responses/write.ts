// Writes of answers from every channel: the idempotent upsert (one statement, so that D1
// applies it atomically) and the public amendment of a recent answer.
import type { Category } from '../../../schema/constants'
import { getDb } from '../client'
import type { ResponseRow } from '../types'

export type NewResponseRow = Omit<ResponseRow, 'follow_up' | 'note' | 'is_test' | 'anonymized_at'>

export type WriteOutcome = 'created' | 'updated' | 'duplicate'

export const COLUMNS = [
  'id',
  'project_id',
  'survey_id',
  'kind',
  'score',
  'category',
  'touchpoint',
  'ref',
  'customer_id',
  'email',
  'reason',
  'contact_consent',
  'properties',
  'locale',
  'page_path',
  'channel',
  'created_at',
  'answered_at',
  'updated_at',
] as const satisfies readonly (keyof NewResponseRow)[]

// Two conflict targets (SQLite ≥ 3.35): a known id is a retry and changes nothing; a new id for
// an existing (survey, customer, ref) replaces that answer, unless it was given before it
// (an old import or a late retry must not overwrite a newer answer).
// With onSameId 'replace' (hosted survey links: the answer id is derived from the link), a known
// id of the same survey is a changed answer and replaces the stored one as well. There,
// answered_at is when the score was given: sending the same score again (Send after the score
// was saved on click, a second visit) keeps it; only another score re-dates the answer.
const setAnswer = (onSameId: OnSameId) => `score = excluded.score, category = excluded.category,
  kind = excluded.kind, touchpoint = excluded.touchpoint,
  email = coalesce(excluded.email, responses.email),
  reason = excluded.reason, contact_consent = excluded.contact_consent,
  properties = excluded.properties, locale = excluded.locale, page_path = excluded.page_path,
  channel = excluded.channel, updated_at = excluded.updated_at, answered_at = ${
    onSameId === 'replace'
      ? 'iif(excluded.score = responses.score, responses.answered_at, excluded.answered_at)'
      : 'excluded.answered_at'
  }`

/** What a replacing import sets (imports carry their own answered_at). */
export const SET_ANSWER = setAnswer('ignore')

const upsertSql = (onSameId: OnSameId) => `INSERT INTO responses (${COLUMNS.join(', ')})
VALUES (${COLUMNS.map(() => '?').join(', ')})
${
  onSameId === 'ignore'
    ? 'ON CONFLICT (id) DO NOTHING'
    : `ON CONFLICT (id) DO UPDATE SET ${setAnswer(onSameId)}
WHERE responses.survey_id = excluded.survey_id AND excluded.answered_at >= responses.answered_at`
}
ON CONFLICT (survey_id, customer_id, ref) WHERE customer_id IS NOT NULL AND ref IS NOT NULL
DO UPDATE SET ${setAnswer(onSameId)}
WHERE ${onSameId === 'ignore' ? 'responses.id <> excluded.id AND ' : ''}excluded.answered_at >= responses.answered_at
RETURNING id, category, created_at`

export type OnSameId = 'ignore' | 'replace'
const UPSERT_SQL: Record<OnSameId, string> = {
  ignore: upsertSql('ignore'),
  replace: upsertSql('replace'),
}

export function upsertStatement(
  d1: D1Database,
  row: NewResponseRow,
  onSameId: OnSameId = 'ignore',
): D1PreparedStatement {
  return d1.prepare(UPSERT_SQL[onSameId]).bind(...COLUMNS.map((c) => row[c]))
}

export interface WriteResult {
  outcome: WriteOutcome
  id: string
  surveyId: string
  category: Category
  rowsWritten: number
}

/** Stores one answer idempotently; says whether it created, updated or repeated one. */
export async function upsertResponse(
  d1: D1Database,
  row: NewResponseRow,
  onSameId: OnSameId = 'ignore',
): Promise<WriteResult> {
  const result = await upsertStatement(d1, row, onSameId).all<
    Pick<ResponseRow, 'id' | 'category' | 'created_at'>
  >()
  const rowsWritten = result.meta.rows_written ?? 0
  const written = result.results[0]
  if (written) {
    // An updated row keeps its id and created_at; only a new row has both of this write.
    const outcome =
      written.id === row.id && written.created_at === row.created_at ? 'created' : 'updated'
    return {
      outcome,
      id: written.id,
      surveyId: row.survey_id,
      category: written.category,
      rowsWritten,
    }
  }
  const existing = await findExistingAnswer(d1, row)
  if (!existing) throw new Error('answer neither written nor found')
  return {
    outcome: 'duplicate',
    id: existing.id,
    surveyId: existing.survey_id,
    category: existing.category,
    rowsWritten,
  }
}

/** The stored answer a non-writing upsert collided with: same id first, else same ref. */
async function findExistingAnswer(d1: D1Database, row: NewResponseRow) {
  const db = getDb(d1)
  const byId = await db
    .selectFrom('responses')
    .select(['id', 'survey_id', 'category'])
    .where('id', '=', row.id)
    .executeTakeFirst()
  if (byId || row.customer_id === null || row.ref === null) return byId
  return db
    .selectFrom('responses')
    .select(['id', 'survey_id', 'category'])
    .where('survey_id', '=', row.survey_id)
    .where('customer_id', '=', row.customer_id)
    .where('ref', '=', row.ref)
    .executeTakeFirst()
}

/** Adds a reason or consent to a recent answer; `since` bounds how old it may be. */
export async function amendResponse(
  d1: D1Database,
  id: string,
  patch: { reason?: string; contactConsent?: boolean },
  since: string,
  at: string,
) {
  const set: Partial<ResponseRow> = { updated_at: at }
  if (patch.reason !== undefined) set.reason = patch.reason
  if (patch.contactConsent !== undefined) set.contact_consent = patch.contactConsent ? 1 : 0
  const db = getDb(d1)
  const updated = await db
    .updateTable('responses')
    .set(set)
    .where('id', '=', id)
    .where('answered_at', '>=', since)
    .returning(['id', 'category'])
    .executeTakeFirst()
  if (updated) return { status: 'amended' as const, ...updated }
  const exists = await db
    .selectFrom('responses')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()
  return { status: exists ? ('expired' as const) : ('missing' as const) }
}
