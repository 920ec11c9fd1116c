// Privacy writes on answers: the retention job's anonymisation and erasure (GDPR).

/** A project's retention cutoff inside SQL: `now` minus its retention_days, as ISO text. */
const CUTOFF = `strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || p.retention_days || ' days')`

// Only the values of the survey's segment keys stay in `properties`: they are already kept,
// per day and touchpoint, in rollup_properties (that is what groupBy=property:<key> reads), and
// keeping them in the row keeps a later rebuild of those rollups exact. The rollup trigger
// leaves and re-joins the same buckets, so every figure is unchanged. Booleans are rebuilt
// from their JSON type (json_each gives them as 1/0), so a bucket named 'true' stays 'true'.
const SEGMENT_VALUES_ONLY = `(SELECT json_group_object(kv.key,
    iif(kv.type IN ('true', 'false'), json(kv.type), kv.value))
  FROM json_each(responses.properties) AS kv
  WHERE kv.key IN (SELECT value FROM json_each(
    (SELECT segment_keys FROM surveys WHERE surveys.id = responses.survey_id))))`

const ANONYMISE_SQL = `UPDATE responses SET customer_id = NULL, email = NULL, reason = NULL,
  note = NULL, ref = NULL, page_path = NULL, properties = ${SEGMENT_VALUES_ONLY},
  anonymized_at = ?, updated_at = ?
WHERE rowid IN (
  SELECT r.rowid FROM projects AS p
  JOIN responses AS r ON r.project_id = p.id AND r.anonymized_at IS NULL
    AND r.answered_at < ${CUTOFF}
  WHERE p.retention_days IS NOT NULL
  LIMIT ?)
RETURNING 1 AS done`

/**
 * Anonymises at most `limit` answers, of any project, older than their project's retentionDays
 * (answered_at, i.e. when the stored answer was given). Says how many it did.
 */
export async function anonymiseExpiredAnswers(d1: D1Database, now: string, limit: number) {
  const result = await d1.prepare(ANONYMISE_SQL).bind(now, now, now, limit).all()
  return result.results.length
}

/** Whom an erasure covers: a customer id, or an email address and the customer ids seen with it. */
export type ErasureTarget = { customerId: string } | { email: string; customerIds: string[] }

/**
 * Deletes the target's answers in a project; the rollup triggers subtract them from every figure.
 * RETURNING counts the answers themselves (meta.changes would include trigger accounting).
 */
export function eraseAnswersStatement(d1: D1Database, projectId: string, who: ErasureTarget) {
  if ('customerId' in who) {
    return d1
      .prepare('DELETE FROM responses WHERE project_id = ? AND customer_id = ? RETURNING id')
      .bind(projectId, who.customerId)
  }
  return d1
    .prepare(
      `DELETE FROM responses WHERE project_id = ?
        AND ((email IS NOT NULL AND lower(email) = lower(?))
          OR customer_id IN (SELECT value FROM json_each(?)))
        RETURNING id`,
    )
    .bind(projectId, who.email, JSON.stringify(who.customerIds))
}

/** The customer ids that answered with this email address (any case) in the project. */
export async function customerIdsOfEmail(d1: D1Database, projectId: string, email: string) {
  const { results } = await d1
    .prepare(
      `SELECT DISTINCT customer_id AS id FROM responses
       WHERE project_id = ? AND lower(email) = lower(?) AND email IS NOT NULL
         AND customer_id IS NOT NULL`,
    )
    .bind(projectId, email)
    .all<{ id: string }>()
  return results.map((r) => r.id)
}
