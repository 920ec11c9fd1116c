// Writes of answers from every channel: the idempotent upsert (one statement, so that D1
// applies it atomically) and the public amendment of a recent answer.
import type { Category } from '../../../schema/constants'
import type { PolaritySign } from '../../../schema/scoring'
import { getDb } from '../client'
import type { ResponseRow } from '../types'

export type NewResponseRow = Omit<ResponseRow, 'follow_up' | 'note' | 'is_test' | 'anonymized_at'>

/**
 * created: a new answer. updated: it replaced the answer for its (survey, customer, ref), or a
 * link's earlier answer. duplicate: its id is stored already (a retry, or someone else's id).
 * kept: another answer for its (survey, customer, ref) was kept (an unproven customer, or an
 * answer given before the stored one).
 */
export type WriteOutcome = 'created' | 'updated' | 'duplicate' | 'kept'

export const COLUMNS = [
  'id',
  'project_id',
  'survey_id',
  'kind',
  'score',
  'category',
  'polarity',
  'touchpoint',
  'ref',
  'customer_id',
  'email',
  'reason',
  'terms',
  'contact_consent',
  'properties',
  'locale',
  'page_path',
  'channel',
  'link_channel',
  'created_at',
  'answered_at',
  'updated_at',
  'edit_token_hash',
  'customer_verified',
] as const satisfies readonly (keyof NewResponseRow)[]

// Two conflict targets (SQLite ≥ 3.35): a known id is a retry and changes nothing; a new id for
// an existing (survey, customer, ref) replaces that answer only when its customer is proven
// (customer_verified: a valid customerHash, a link token, the secret key), and never when it was
// given before it (an old import or a late retry must not overwrite a newer answer). The new
// author's edit token replaces the old one, so only the latest author may amend it.
// With onSameId 'replace' (hosted survey links: the answer id is derived from the link), a known
// id of the same survey is a changed answer and replaces the stored one as well. There,
// answered_at is when the score was given: sending the same score again (Send after the score
// was saved on click, a second visit) keeps it; only another score re-dates the answer.
const setAnswer = (onSameId: OnSameId) => `score = excluded.score, category = excluded.category,
  polarity = excluded.polarity, kind = excluded.kind, touchpoint = excluded.touchpoint,
  email = coalesce(excluded.email, responses.email),
  reason = excluded.reason, terms = excluded.terms, contact_consent = excluded.contact_consent,
  properties = excluded.properties, locale = excluded.locale, page_path = excluded.page_path,
  channel = excluded.channel, link_channel = excluded.link_channel, updated_at = excluded.updated_at,
  edit_token_hash = excluded.edit_token_hash, customer_verified = excluded.customer_verified,
  answered_at = ${
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
WHERE excluded.customer_verified = 1
  AND ${onSameId === 'ignore' ? 'responses.id <> excluded.id AND ' : ''}excluded.answered_at >= responses.answered_at
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

/** The stored fields an answer's request sets: a retry without its token must repeat them. */
export const CONTENT_COLUMNS = [
  'score',
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
] as const satisfies readonly (keyof NewResponseRow)[]

export type AnswerContent = Pick<NewResponseRow, (typeof CONTENT_COLUMNS)[number]>

export interface WriteResult {
  outcome: WriteOutcome
  id: string
  surveyId: string
  category: Category
  /** The stored answer's edit token hash, for a duplicate id (a retry must prove it is the author). */
  editTokenHash: string | null
  /** The stored answer's content, for a duplicate id (a retry without a token must repeat it). */
  stored?: AnswerContent
  rowsWritten: number
}

/** Stores one answer idempotently; says whether it created, updated, repeated or kept one. */
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
      editTokenHash: row.edit_token_hash,
      rowsWritten,
    }
  }
  const existing = await findExistingAnswer(d1, row)
  if (!existing) throw new Error('answer neither written nor found')
  return {
    outcome: existing.id === row.id ? 'duplicate' : 'kept',
    id: existing.id,
    surveyId: existing.survey_id,
    category: existing.category,
    editTokenHash: existing.edit_token_hash,
    stored: existing,
    rowsWritten,
  }
}

/** The stored answer a non-writing upsert collided with: same id first, else same ref. */
async function findExistingAnswer(d1: D1Database, row: NewResponseRow) {
  const db = getDb(d1)
  const columns = ['id', 'survey_id', 'category', 'edit_token_hash', ...CONTENT_COLUMNS] as const
  const byId = await db
    .selectFrom('responses')
    .select(columns)
    .where('id', '=', row.id)
    .executeTakeFirst()
  if (byId || row.customer_id === null || row.ref === null) return byId
  return db
    .selectFrom('responses')
    .select(columns)
    .where('survey_id', '=', row.survey_id)
    .where('customer_id', '=', row.customer_id)
    .where('ref', '=', row.ref)
    .executeTakeFirst()
}

/** What a public amendment needs to check before it writes: the author's proof and the age. */
export async function findAmendable(d1: D1Database, id: string) {
  return getDb(d1)
    .selectFrom('responses')
    .select(['id', 'survey_id', 'answered_at', 'edit_token_hash', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export interface Amendment {
  score?: number
  category?: Category
  polarity?: PolaritySign
  reason?: string
  /** The reason's terms for the themes rollups (worker/lib/terms.ts), set with the reason. */
  terms?: string | null
  contactConsent?: boolean
  /** Given with contactConsent by an author the answer did not identify. */
  email?: string
}

/**
 * Amends an answer if it still has this edit token hash and was given at or after `since`: the
 * conditions are repeated in the UPDATE so that a replacement or the window closing between the
 * check and the write wins. A changed score moves the answer between rollup buckets (trigger
 * responses_rollup_update), in this same statement.
 */
export async function amendResponse(
  d1: D1Database,
  id: string,
  editTokenHash: string,
  patch: Amendment,
  since: string,
  at: string,
) {
  const set: Partial<ResponseRow> = { updated_at: at }
  if (patch.score !== undefined && patch.category !== undefined && patch.polarity !== undefined) {
    set.score = patch.score
    set.category = patch.category
    set.polarity = patch.polarity
  }
  if (patch.reason !== undefined) set.reason = patch.reason
  if (patch.terms !== undefined) set.terms = patch.terms
  if (patch.contactConsent !== undefined) set.contact_consent = patch.contactConsent ? 1 : 0
  if (patch.email !== undefined) set.email = patch.email
  return getDb(d1)
    .updateTable('responses')
    .set(set)
    .where('id', '=', id)
    .where('edit_token_hash', '=', editTokenHash)
    .where('answered_at', '>=', since)
    .returning(['id', 'category'])
    .executeTakeFirst()
}
