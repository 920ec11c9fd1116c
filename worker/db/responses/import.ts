// Imports of history insert their rows from JSON parameters read with json_each: a few statements
// per call instead of one per row, so a 1,000-row import fits the Free plan's 50 D1 queries per
// invocation, binds one parameter per statement (100 allowed) and no string above the 2 MB limit
// (https://developers.cloudflare.com/d1/platform/limits/).
import { COLUMNS, SET_ANSWER, type NewResponseRow } from './write'

/** Bytes of JSON per statement: half of D1's 2 MB string limit, so no estimate can overshoot. */
export const IMPORT_CHUNK_BYTES = 1_000_000

// Each row is a JSON array in COLUMNS order; `->>` turns its items back into SQL values (strings,
// integers, NULL). The first conflict clause is the id re-check inside the write itself: a known
// id of another project or survey sets project_id to NULL, which NOT NULL refuses, so the whole
// batch rolls back; there is no window between a check and the write for another call to use.
// A known id of the same survey is a repeat and changes nothing. WHERE true resolves the parsing
// ambiguity of an upsert on INSERT … SELECT (https://sqlite.org/lang_upsert.html, 2.2).
const IMPORT_SQL = `INSERT INTO responses (${COLUMNS.join(', ')})
SELECT ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')}
FROM json_each(?) WHERE true ORDER BY key
ON CONFLICT (id) DO UPDATE SET project_id = NULL
WHERE responses.project_id <> excluded.project_id OR responses.survey_id <> excluded.survey_id
ON CONFLICT (survey_id, customer_id, ref) WHERE customer_id IS NOT NULL AND ref IS NOT NULL
DO UPDATE SET ${SET_ANSWER}
WHERE responses.id <> excluded.id AND excluded.answered_at >= responses.answered_at
RETURNING id`

/** The D1 error the re-check above raises; project_id is bound from the key otherwise, never null. */
export const isForeignIdError = (err: unknown) =>
  err instanceof Error && /NOT NULL constraint failed: responses\.project_id/.test(err.message)

const encoder = new TextEncoder()

/** The rows as JSON arrays grouped under IMPORT_CHUNK_BYTES each (one row alone always fits). */
export function importChunks(rows: NewResponseRow[]): string[] {
  const chunks: string[] = []
  let items: string[] = []
  let bytes = 2
  for (const row of rows) {
    const item = JSON.stringify(COLUMNS.map((c) => row[c]))
    const size = encoder.encode(item).length + 1
    if (items.length && bytes + size > IMPORT_CHUNK_BYTES) {
      chunks.push(`[${items.join(',')}]`)
      items = []
      bytes = 2
    }
    items.push(item)
    bytes += size
  }
  if (items.length) chunks.push(`[${items.join(',')}]`)
  return chunks
}

/**
 * One statement per chunk, for one `DB.batch()` (one transaction: all rows or none). Each returns
 * the ids it wrote: new answers, and later answers replacing one for the same customer and ref.
 */
export function importStatements(d1: D1Database, rows: NewResponseRow[]): D1PreparedStatement[] {
  const statement = d1.prepare(IMPORT_SQL)
  return importChunks(rows).map((chunk) => statement.bind(chunk))
}

/** Which of these ids are already stored, and for which project and survey. */
export async function findStoredIds(d1: D1Database, ids: string[]) {
  const result = await d1
    .prepare(
      'SELECT id, project_id, survey_id FROM responses WHERE id IN (SELECT value FROM json_each(?))',
    )
    .bind(JSON.stringify(ids))
    .all<{ id: string; project_id: string; survey_id: string }>()
  return new Map(result.results.map((r) => [r.id, r]))
}
