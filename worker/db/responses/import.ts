// What an import of history needs from the responses table.

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
