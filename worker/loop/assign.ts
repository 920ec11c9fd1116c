// The assignment pass (every minute, worker/scheduled.ts): new follow-ups get their owner by the
// rules (worker/loop/rules.ts) and their deadline by the survey's hours and business hours. One
// database's context, a bounded chunk: at most LOOP_BUDGET.queries D1 statements.
import type { Env } from '../env'
import { settingsFor } from '../db/follow-up-settings'
import { assignmentStatements, lastAssignedPerOwner, unassignedFollowUps } from '../db/follow-ups'
import { membersWithRoles, OWNER_ROLES } from '../db/loop-members'
import { controlDb } from '../db/resolve'
import { dueAt } from './deadline'
import { pickOwner, type Candidate } from './rules'

/**
 * Shares of the every-minute invocation's 50 D1 queries (Free plan): the assignment and the
 * escalation take 20 each at most, leaving the rest to the outbox and help-desk sweeps.
 */
export const LOOP_BUDGET = { queries: 20, assignPerRun: 10 } as const

export interface CronContext {
  db: D1Database
  env: Env
  now: Date
  /** At most this many D1 statements (default: the function's own share). */
  budget?: number
}

/** Assigns up to assignPerRun follow-ups; answers how many, and the D1 statements it used. */
export async function assignFollowUps({ db, env, now, budget }: CronContext) {
  const most = budget ?? LOOP_BUDGET.queries
  let queries = 1
  const rows = await unassignedFollowUps(db, LOOP_BUDGET.assignPerRun)
  const at = now.toISOString()
  const members = new Map<string, Candidate[]>()
  const last = new Map<string, Map<string, string | null>>()
  const settings = new Map<string, Awaited<ReturnType<typeof settingsFor>>>()
  const statements: D1PreparedStatement[] = []
  for (const row of rows) {
    // Reads this row may need, then its two writes: stop while the whole chunk fits the budget.
    const reads =
      (members.has(row.project_id) ? 0 : 2) +
      (settings.has(`${row.project_id}/${row.survey_id}`) ? 0 : 1)
    if (queries + statements.length + reads + 2 > most) break
    queries += reads
    if (!members.has(row.project_id)) {
      members.set(
        row.project_id,
        await membersWithRoles(controlDb(env), row.project_id, OWNER_ROLES),
      )
      last.set(row.project_id, await lastAssignedPerOwner(db, row.project_id))
    }
    const key = `${row.project_id}/${row.survey_id}`
    if (!settings.has(key)) settings.set(key, await settingsFor(db, row.project_id, row.survey_id))
    const rules = settings.get(key)!
    const lastOf = last.get(row.project_id)!
    const owner = pickOwner(
      rules.assign,
      { touchpoint: row.touchpoint, properties: JSON.parse(row.properties) },
      members.get(row.project_id)!,
      lastOf,
    )
    if (owner) lastOf.set(owner, at)
    const due = dueAt(new Date(row.created_at), rules.dueHours, rules.businessHours).toISOString()
    statements.push(
      ...assignmentStatements(db, {
        responseId: row.response_id,
        projectId: row.project_id,
        ownerId: owner,
        dueAt: due,
        at,
      }),
    )
  }
  if (statements.length) await db.batch(statements)
  return { assigned: statements.length / 2, queries: queries + statements.length }
}
