// The bounded rebuild of a survey's property rollups after its segment keys changed (issue 8,
// item 7). The trigger surveys_segment_keys_rebuild (0009_insights.sql) empties the rollups and
// sets a cursor on the survey; each chunk here adds the next INSIGHTS.rebuildChunk answers in
// (created_at, id) order and moves the cursor, in one batch (one transaction). The triggers count
// answers at or before the cursor, the chunks those after it, so every answer is counted once,
// whichever order writes and chunks come in. Chunks are guarded by the cursor they read, so two
// drivers at once (a request's waitUntil and the cron) never add the same answers twice.
import { INSIGHTS } from '../../schema/constants'
import { answerCounters } from '../../schema/counters'
import { ANSWER_FIELDS, PROPERTY_VALUE, sumsOf } from './counting-sql'

const CHUNK = INSIGHTS.rebuildChunk
// The same counters and buckets as the triggers (counting-sql.ts), summed over a chunk.
const COUNTERS = answerCounters()
const COLUMNS = COUNTERS.map((c) => c.column)

// ?1 survey, ?2 and ?3 the cursor (created_at, id) the driver read.
const NEXT_ANSWERS = `responses WHERE survey_id = ?1 AND (created_at, id) > (?2, ?3)
  ORDER BY created_at, id`
const GUARD = 'id = ?1 AND props_rebuild_at = ?2 AND props_rebuild_id = ?3'

const ADD_CHUNK = `WITH chunk AS (
  SELECT * FROM ${NEXT_ANSWERS} LIMIT ${CHUNK}
)
INSERT INTO rollup_properties (survey_id, key, day, touchpoint, value, ${COLUMNS.join(', ')})
SELECT r.survey_id, p.key, ${ANSWER_FIELDS.day('r')}, ${ANSWER_FIELDS.touchpoint('r')},
  ${PROPERTY_VALUE}, ${sumsOf(COUNTERS, 'r').join(', ')}
FROM chunk AS r, json_each(r.properties) AS p
WHERE r.is_test = 0 AND EXISTS (SELECT 1 FROM surveys WHERE ${GUARD})
  AND p.key IN (SELECT value FROM json_each((SELECT segment_keys FROM surveys WHERE id = ?1)))
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT DO UPDATE SET ${COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`

// The last answer of the chunk becomes the cursor; fewer than a chunk left means done (NULL).
const MOVE_CURSOR = `UPDATE surveys SET (props_rebuild_at, props_rebuild_id) = (
  SELECT created_at, id FROM ${NEXT_ANSWERS} LIMIT 1 OFFSET ${CHUNK - 1}
)
WHERE ${GUARD}
RETURNING props_rebuild_at`

export interface RebuildCursor {
  at: string
  id: string
}

/** Where a survey's rebuild stands: null when its property rollups are complete. */
export async function rebuildCursor(d1: D1Database, surveyId: string) {
  const row = await d1
    .prepare('SELECT props_rebuild_at AS at, props_rebuild_id AS id FROM surveys WHERE id = ?')
    .bind(surveyId)
    .first<{ at: string | null; id: string | null }>()
  return row?.at != null && row.id != null ? { at: row.at, id: row.id } : null
}

/** Adds one chunk of answers; says whether the rebuild is complete afterwards. 3 queries. */
export async function rebuildChunk(d1: D1Database, surveyId: string): Promise<boolean> {
  const cursor = await rebuildCursor(d1, surveyId)
  if (!cursor) return true
  const params = [surveyId, cursor.at, cursor.id]
  const [, moved] = await d1.batch<{ props_rebuild_at: string | null }>([
    d1.prepare(ADD_CHUNK).bind(...params),
    d1.prepare(MOVE_CURSOR).bind(...params),
  ])
  // Another driver moved the cursor first: this batch changed nothing; look again next time.
  const row = moved.results[0]
  return row !== undefined && row.props_rebuild_at === null
}

/** Runs up to `chunks` chunks of one survey's rebuild; true when it is complete. */
export async function continueRebuild(
  d1: D1Database,
  surveyId: string,
  chunks: number = INSIGHTS.rebuildChunksPerCall,
) {
  for (let i = 0; i < chunks; i++) if (await rebuildChunk(d1, surveyId)) return true
  return (await rebuildCursor(d1, surveyId)) === null
}

/** The cron's share: chunks of any surveys still rebuilding, within one invocation's budget. */
export async function continueAllRebuilds(
  d1: D1Database,
  chunks: number = INSIGHTS.rebuildChunksPerCall,
) {
  const { results } = await d1
    .prepare('SELECT id FROM surveys WHERE props_rebuild_at IS NOT NULL LIMIT ?')
    .bind(chunks)
    .all<{ id: string }>()
  let left = chunks
  for (const { id } of results) {
    while (left > 0) {
      left--
      if (await rebuildChunk(d1, id)) break
    }
  }
  return { surveys: results.length }
}
