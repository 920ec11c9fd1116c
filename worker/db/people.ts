// Queries on people (0019_email_triggers.sql): one row per address (its hash) in a project.
import { getDb } from './client'
import type { PersonRow } from './types'

export async function findPersonByHash(d1: D1Database, projectId: string, hash: string) {
  return getDb(d1)
    .selectFrom('people')
    .select(['id', 'time_zone', 'locale'])
    .where('project_id', '=', projectId)
    .where('email_hash', '=', hash)
    .executeTakeFirst()
}

/**
 * Stores people, or updates the person who holds an address already, and enrols each in every
 * program of the project (a new member's first ask falls on a random day of its first cycle,
 * so a large import trickles in rather than landing on one day). Two statements in one batch,
 * each carrying its rows as one JSON parameter (D1 binds at most 100 parameters a statement).
 * Returns the ids that hold the addresses.
 */
export async function upsertPeople(d1: D1Database, rows: PersonRow[], now: string) {
  if (!rows.length) return []
  const projectId = rows[0]!.project_id
  const json = JSON.stringify(rows)
  const [stored] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        `INSERT INTO people (id, project_id, email, email_hash, customer_id, name, locale,
           time_zone, properties, created_at, updated_at)
         SELECT json_extract(j.value, '$.id'), json_extract(j.value, '$.project_id'), json_extract(j.value, '$.email'), json_extract(j.value, '$.email_hash'),
           json_extract(j.value, '$.customer_id'), json_extract(j.value, '$.name'), json_extract(j.value, '$.locale'), json_extract(j.value, '$.time_zone'),
           json_extract(j.value, '$.properties'), json_extract(j.value, '$.created_at'), json_extract(j.value, '$.updated_at')
         FROM json_each(?1) AS j WHERE true
         ON CONFLICT (project_id, email_hash) DO UPDATE SET
           email = excluded.email,
           customer_id = coalesce(excluded.customer_id, people.customer_id),
           name = coalesce(excluded.name, people.name),
           locale = coalesce(excluded.locale, people.locale),
           time_zone = coalesce(excluded.time_zone, people.time_zone),
           properties = excluded.properties,
           updated_at = excluded.updated_at
         RETURNING id`,
      )
      .bind(json),
    d1
      .prepare(
        `INSERT INTO email_program_people (program_id, person_id, due_at, cycle)
         SELECT g.id, p.id,
           strftime('%Y-%m-%dT%H:%M:%fZ', ?3, '+' || (abs(random()) % g.every_days) || ' days'), 0
         FROM email_programs AS g
         JOIN people AS p ON p.project_id = g.project_id
         WHERE g.project_id = ?1
           AND p.email_hash IN (SELECT json_extract(j.value, '$.email_hash') FROM json_each(?2) AS j)
         ON CONFLICT (program_id, person_id) DO NOTHING`,
      )
      .bind(projectId, json, now),
  ])
  return stored!.results.map((r) => r.id)
}

/** Enrols every person of the project in a new program: one statement. */
export function enrolAllStatement(
  d1: D1Database,
  projectId: string,
  programId: string,
  everyDays: number,
  now: string,
) {
  return d1
    .prepare(
      `INSERT INTO email_program_people (program_id, person_id, due_at, cycle)
       SELECT ?2, p.id, strftime('%Y-%m-%dT%H:%M:%fZ', ?4, '+' || (abs(random()) % ?3) || ' days'), 0
       FROM people AS p WHERE p.project_id = ?1
       ON CONFLICT (program_id, person_id) DO NOTHING`,
    )
    .bind(projectId, programId, everyDays, now)
}

/**
 * Erasure: the people of an address or of customer ids go, with their program enrolments
 * (ON DELETE CASCADE); their address hashes stay suppressed (worker/db/email-delivery.ts).
 */
export function erasePeopleStatement(
  d1: D1Database,
  projectId: string,
  emailHash: string | null,
  customerIds: readonly string[],
) {
  return d1
    .prepare(
      `DELETE FROM people WHERE project_id = ?1
         AND (email_hash = ?2 OR customer_id IN (SELECT value FROM json_each(?3)))`,
    )
    .bind(projectId, emailHash, JSON.stringify(customerIds))
}
