// Queries on relationship programs and their people (0019_email_triggers.sql); window JSON is
// parsed here only.
import type { EmailProgram } from '../../schema/email-triggers'
import { SendWindow } from '../../schema/send-window'
import { getDb, toStatement } from './client'
import { enrolAllStatement } from './people'
import type { EmailProgramRow } from './types'

export const programFromRow = (r: EmailProgramRow): EmailProgram => ({
  id: r.id,
  surveyId: r.survey_id,
  everyDays: r.every_days,
  dailyCap: r.daily_cap,
  window: SendWindow.parse(JSON.parse(r.window)),
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export async function countPrograms(d1: D1Database, projectId: string) {
  const row = await getDb(d1)
    .selectFrom('email_programs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Stores the program and enrols every person of the project, in one batch. */
export async function insertProgram(d1: D1Database, row: EmailProgramRow) {
  await d1.batch([
    toStatement(d1, getDb(d1).insertInto('email_programs').values(row)),
    enrolAllStatement(d1, row.project_id, row.id, row.every_days, row.created_at),
  ])
}

export async function listPrograms(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('email_programs')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

export async function findProgram(d1: D1Database, projectId: string, id: string) {
  return getDb(d1)
    .selectFrom('email_programs')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export const programKeyPrefix = (programId: string) => `program:${programId}:`

/**
 * Changes a program. Pausing cancels its scheduled sends (reason program_paused) and puts each
 * of their people back to the due date they had, so a resume asks them again; resuming plans
 * from `planDay` on. One batch: the three changes land together or not at all.
 */
export async function updateProgram(
  d1: D1Database,
  program: EmailProgramRow,
  set: Partial<EmailProgramRow>,
) {
  const db = getDb(d1)
  const prefix = programKeyPrefix(program.id)
  const scheduledOfProgram = `SELECT id FROM email_sends WHERE project_id = ?1 AND state = 'scheduled'
      AND source = 'program' AND substr(dedupe_key, 1, length(?2)) = ?2`
  const pausing = set.state === 'paused' && program.state !== 'paused'
  const statements = pausing
    ? [
        d1
          .prepare(
            `UPDATE email_program_people SET due_at = coalesce(previous_due_at, due_at),
               send_id = NULL
             WHERE program_id = ?3 AND send_id IN (${scheduledOfProgram})`,
          )
          .bind(program.project_id, prefix, program.id),
        d1
          .prepare(
            `UPDATE email_sends SET state = 'cancelled', reason = 'program_paused'
             WHERE id IN (${scheduledOfProgram})`,
          )
          .bind(program.project_id, prefix),
      ]
    : []
  const update = db
    .updateTable('email_programs')
    .set(set)
    .where('project_id', '=', program.project_id)
    .where('id', '=', program.id)
    .returningAll()
  const results = await d1.batch<EmailProgramRow>([...statements, toStatement(d1, update)])
  return results.at(-1)!.results[0]
}

/** Active programs whose planning day has come, with their project's zone (oldest day first). */
export async function programsToPlan(d1: D1Database, throughDay: string, max: number) {
  return getDb(d1)
    .selectFrom('email_programs')
    .innerJoin('projects', 'projects.id', 'email_programs.project_id')
    .selectAll('email_programs')
    .select('projects.time_zone as project_time_zone')
    .where('email_programs.state', '=', 'active')
    .where('email_programs.plan_day', '<=', throughDay)
    .orderBy('email_programs.plan_day')
    .limit(max)
    .execute()
}

/** A program's people due before `before`, earliest first (index email_program_people_due). */
export async function duePeople(d1: D1Database, programId: string, before: string, max: number) {
  return getDb(d1)
    .selectFrom('email_program_people as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select([
      'm.person_id',
      'm.due_at',
      'm.cycle',
      'p.email',
      'p.customer_id',
      'p.locale',
      'p.time_zone',
    ])
    .where('m.program_id', '=', programId)
    .where('m.due_at', '<', before)
    .orderBy('m.due_at')
    .limit(max)
    .execute()
}
export type DuePerson = Awaited<ReturnType<typeof duePeople>>[number]

/**
 * Each customer's last contact in the ledger (worker/services/eligibility.ts,
 * worker/db/invitations.ts GUARDED_INSERT: an invitation, a proven answer, a signed dismissal),
 * on any survey and channel, for many customers in one statement over the ledger's indexes.
 */
export async function lastContacts(d1: D1Database, projectId: string, customerIds: string[]) {
  if (!customerIds.length) return new Map<string, string>()
  const { results } = await d1
    .prepare(
      `SELECT c.value AS customer_id, max(
         coalesce((SELECT max(created_at) FROM invitations
           WHERE project_id = ?1 AND customer_id = c.value), ''),
         coalesce((SELECT max(answered_at) FROM responses
           WHERE project_id = ?1 AND customer_id = c.value AND customer_verified = 1), ''),
         coalesce((SELECT max(created_at) FROM impressions
           WHERE project_id = ?1 AND customer_id = c.value AND type = 'dismissed'), '')
       ) AS last_at
       FROM json_each(?2) AS c`,
    )
    .bind(projectId, JSON.stringify(customerIds))
    .all<{ customer_id: string; last_at: string }>()
  return new Map(results.filter((r) => r.last_at).map((r) => [r.customer_id, r.last_at]))
}

export interface PlannedPerson {
  person_id: string
  due_at: string
  cycle: number
  send_id: string | null
  previous_due_at: string | null
}

/** Moves planned people on and records the day's count, in one batch. */
export async function recordPlan(
  d1: D1Database,
  program: Pick<EmailProgramRow, 'id' | 'project_id'>,
  people: PlannedPerson[],
  set: Pick<EmailProgramRow, 'plan_day' | 'plan_count'>,
) {
  const statements = [
    toStatement(
      d1,
      getDb(d1)
        .updateTable('email_programs')
        .set(set)
        .where('id', '=', program.id)
        .where('state', '=', 'active'),
    ),
  ]
  if (people.length)
    statements.unshift(
      d1
        .prepare(
          // An upsert rather than UPDATE … FROM json_each: SQLite put the table outside the
          // join, reading people × rows (1,007,005 rows read for 2,000 people in the bench);
          // here json_each drives and each row finds its person by the primary key.
          `INSERT INTO email_program_people (program_id, person_id, due_at, cycle, send_id,
             previous_due_at)
           SELECT ?1, json_extract(j.value, '$.person_id'), json_extract(j.value, '$.due_at'),
             json_extract(j.value, '$.cycle'), json_extract(j.value, '$.send_id'),
             json_extract(j.value, '$.previous_due_at')
           FROM json_each(?2) AS j WHERE true
           ON CONFLICT (program_id, person_id) DO UPDATE SET
             due_at = excluded.due_at,
             cycle = excluded.cycle,
             send_id = coalesce(excluded.send_id, email_program_people.send_id),
             previous_due_at = coalesce(excluded.previous_due_at,
               email_program_people.previous_due_at)`,
        )
        .bind(program.id, JSON.stringify(people)),
    )
  await d1.batch(statements)
}
