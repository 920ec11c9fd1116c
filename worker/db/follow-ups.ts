// Follow-ups of negative answers, their history and escalation steps (0016_loop.sql).
import type { FollowUp, FollowUpEvent, FollowUpItem } from '../../schema/follow-up'
import type { CursorKey } from '../lib/cursor'
import { paginate } from '../lib/cursor'
import { sql } from 'kysely'
import { getDb, toStatement } from './client'
import { responseFromRow } from './responses/read'
import type { FollowUpEventRow, FollowUpRow, ResponseRow } from './types'

export function followUpFromRow(r: FollowUpRow, now: Date): FollowUp {
  return {
    responseId: r.response_id,
    surveyId: r.survey_id,
    state: r.state,
    via: r.via,
    ownerId: r.owner_id,
    dueAt: r.due_at,
    overdue: r.state === 'open' && r.due_at < now.toISOString(),
    contactedAt: r.contacted_at,
    closedAt: r.closed_at,
    reaskSendId: r.reask_send_id,
    reaskResponseId: r.reask_response_id,
    recovered: r.recovered_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export const eventFromRow = (e: FollowUpEventRow): FollowUpEvent => ({
  at: e.at,
  actor: e.actor,
  change: e.change,
  state: e.state,
  via: e.via,
  ownerId: e.owner_id,
  note: e.note,
})

export async function findFollowUp(d1: D1Database, projectId: string, responseId: string) {
  return getDb(d1)
    .selectFrom('follow_ups')
    .selectAll()
    .where('response_id', '=', responseId)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
}

export async function listHistory(d1: D1Database, projectId: string, responseId: string) {
  const rows = await getDb(d1)
    .selectFrom('follow_up_events')
    .selectAll()
    .where('response_id', '=', responseId)
    .where('project_id', '=', projectId)
    .orderBy('at')
    // Changes of one request share their instant: rowid keeps the order they were written in.
    .orderBy(sql`rowid`)
    .limit(500)
    .execute()
  return rows.map(eventFromRow)
}

export interface FollowUpFilter {
  /** A user id; null: unassigned. */
  ownerId?: string | null
  state?: FollowUp['state']
  /** Only open follow-ups past their deadline at this instant (true), or not (false). */
  overdue?: boolean
  surveyId?: string
}

/** One page of a project's follow-ups with their answers, newest answer first. */
export async function listFollowUps(
  d1: D1Database,
  projectId: string,
  f: FollowUpFilter,
  page: { after?: CursorKey; limit: number },
  now: Date,
): Promise<{ rows: FollowUpItem[]; nextCursor: string | null }> {
  let q = getDb(d1)
    .selectFrom('follow_ups as f')
    .innerJoin('responses as r', 'r.id', 'f.response_id')
    .where('f.project_id', '=', projectId)
  if (f.ownerId === null) q = q.where('f.owner_id', 'is', null)
  else if (f.ownerId !== undefined) q = q.where('f.owner_id', '=', f.ownerId)
  if (f.state) q = q.where('f.state', '=', f.state)
  if (f.surveyId) q = q.where('f.survey_id', '=', f.surveyId)
  const at = now.toISOString()
  if (f.overdue === true) q = q.where('f.state', '=', 'open').where('f.due_at', '<', at)
  if (f.overdue === false)
    q = q.where((eb) => eb.or([eb('f.state', '<>', 'open'), eb('f.due_at', '>=', at)]))
  const after = page.after
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('f.created_at', '<', after.createdAt),
        eb.and([eb('f.created_at', '=', after.createdAt), eb('f.response_id', '<', after.id)]),
      ]),
    )
  const rows = await q
    .selectAll('r')
    .select([
      'f.response_id',
      'f.state',
      'f.via',
      'f.owner_id',
      'f.assigned_at',
      'f.created_at as f_created_at',
      'f.due_at',
      'f.contacted_at',
      'f.closed_at',
      'f.reask_send_id',
      'f.reask_response_id',
      'f.recovered_at',
      'f.updated_at as f_updated_at',
    ])
    .orderBy('f.created_at', 'desc')
    .orderBy('f.response_id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const p = paginate(rows, page.limit, (r) => ({ createdAt: r.f_created_at, id: r.response_id }))
  return {
    nextCursor: p.nextCursor,
    rows: p.rows.map((r) => {
      const fu: FollowUpRow = {
        response_id: r.response_id,
        project_id: projectId,
        survey_id: r.survey_id,
        state: r.state,
        via: r.via,
        owner_id: r.owner_id,
        assigned_at: r.assigned_at,
        created_at: r.f_created_at,
        due_at: r.due_at,
        contacted_at: r.contacted_at,
        closed_at: r.closed_at,
        reask_send_id: r.reask_send_id,
        reask_response_id: r.reask_response_id,
        recovered_at: r.recovered_at,
        updated_at: r.f_updated_at,
      }
      return { ...followUpFromRow(fu, now), response: responseFromRow(r as ResponseRow) }
    }),
  }
}

export type FollowUpSet = Partial<
  Pick<
    FollowUpRow,
    | 'state'
    | 'via'
    | 'owner_id'
    | 'assigned_at'
    | 'due_at'
    | 'contacted_at'
    | 'closed_at'
    | 'reask_send_id'
  >
>

export type NewEvent = Omit<FollowUpEventRow, 'id' | 'project_id' | 'response_id'>

/**
 * One change of a follow-up, atomically: its row, its history entries, and the answer's legacy
 * columns (follow_up, note) that the API and the followup.updated webhook trigger read.
 */
export async function writeFollowUpChange(
  d1: D1Database,
  projectId: string,
  responseId: string,
  change: {
    set: FollowUpSet
    events: NewEvent[]
    response?: { follow_up?: 'open' | 'closed'; note?: string | null }
    at: string
  },
) {
  const db = getDb(d1)
  const statements = [
    toStatement(
      d1,
      db
        .updateTable('follow_ups')
        .set({ ...change.set, updated_at: change.at })
        .where('response_id', '=', responseId)
        .where('project_id', '=', projectId),
    ),
    ...change.events.map((e) =>
      toStatement(
        d1,
        db.insertInto('follow_up_events').values({
          ...e,
          id: crypto.randomUUID(),
          project_id: projectId,
          response_id: responseId,
        }),
      ),
    ),
  ]
  if (change.response && Object.keys(change.response).length)
    statements.push(
      toStatement(
        d1,
        db
          .updateTable('responses')
          .set({ ...change.response, updated_at: change.at })
          .where('id', '=', responseId)
          .where('project_id', '=', projectId),
      ),
    )
  await d1.batch(statements)
}

/** Follow-ups the assignment rules have not seen yet, oldest first, with what the rules read. */
export async function unassignedFollowUps(d1: D1Database, limit: number) {
  return getDb(d1)
    .selectFrom('follow_ups as f')
    .innerJoin('responses as r', 'r.id', 'f.response_id')
    .where('f.assigned_at', 'is', null)
    .select([
      'f.response_id',
      'f.project_id',
      'f.survey_id',
      'f.created_at',
      'r.touchpoint',
      'r.properties',
    ])
    .orderBy('f.created_at')
    .limit(limit)
    .execute()
}

/** When each owner of a project was last given a follow-up (round-robin's memory). */
export async function lastAssignedPerOwner(d1: D1Database, projectId: string) {
  const rows = await getDb(d1)
    .selectFrom('follow_ups')
    .where('project_id', '=', projectId)
    .where('owner_id', 'is not', null)
    .select(['owner_id', (eb) => eb.fn.max('assigned_at').as('last')])
    .groupBy('owner_id')
    .execute()
  return new Map(rows.map((r) => [r.owner_id as string, r.last as string | null]))
}

/**
 * Open follow-ups past a deadline whose escalation `step` has not happened, oldest deadline first.
 * Step 2 (the admins) follows step 1 and only for owned follow-ups: an unowned one went to the
 * admins at step 1.
 */
export async function overdueWithoutStep(
  d1: D1Database,
  dueBefore: string,
  step: 1 | 2,
  limit: number,
) {
  let q = getDb(d1)
    .selectFrom('follow_ups as f')
    .where('f.state', '=', 'open')
    .where('f.due_at', '<', dueBefore)
  q = q.where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('follow_up_escalations as e')
          .select('e.step')
          .whereRef('e.response_id', '=', 'f.response_id')
          .where('e.step', '=', step),
      ),
    ),
  )
  if (step === 2)
    q = q
      .where('f.owner_id', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('follow_up_escalations as e')
            .select('e.step')
            .whereRef('e.response_id', '=', 'f.response_id')
            .where('e.step', '=', 1),
        ),
      )
  return q
    .select(['f.response_id', 'f.project_id', 'f.survey_id', 'f.owner_id', 'f.due_at'])
    .orderBy('f.due_at')
    .limit(limit)
    .execute()
}

/**
 * Records an escalation step unless it was recorded before, with its history entry, in one
 * batch: true when this call recorded it (and so must notify), false when another run had.
 */
export async function recordEscalation(
  d1: D1Database,
  row: { response_id: string; project_id: string; step: 1 | 2; at: string },
) {
  const db = getDb(d1)
  const [inserted] = await d1.batch([
    toStatement(
      d1,
      db
        .insertInto('follow_up_escalations')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returning('step'),
    ),
    // The history line only when the step row was new: changes() is the insert's count.
    d1
      .prepare(
        `INSERT INTO follow_up_events (id, response_id, project_id, at, actor, change, state, via, owner_id, note)
         SELECT ?, ?, ?, ?, 'system:escalation', 'escalated', NULL, NULL, NULL, ? WHERE changes() = 1`,
      )
      .bind(crypto.randomUUID(), row.response_id, row.project_id, row.at, `step ${row.step}`),
  ])
  // RETURNING answers the row only when it was inserted (meta.changes counts trigger writes too).
  return (inserted?.results.length ?? 0) === 1
}

/** The follow-ups of answers in a window, for the figures. */
export async function followUpsForStats(
  d1: D1Database,
  projectId: string,
  w: { from?: string; to?: string; surveyId?: string },
) {
  let q = getDb(d1).selectFrom('follow_ups').where('project_id', '=', projectId)
  if (w.from) q = q.where('created_at', '>=', w.from)
  if (w.to) q = q.where('created_at', '<', w.to)
  if (w.surveyId) q = q.where('survey_id', '=', w.surveyId)
  return q
    .select([
      'survey_id',
      'owner_id',
      'state',
      'created_at',
      'due_at',
      'contacted_at',
      'closed_at',
      'reask_response_id',
      'recovered_at',
    ])
    .execute()
}

/** Open follow-ups of a project past their deadline at `at`. */
export async function countOverdue(d1: D1Database, projectId: string, at: string) {
  const row = await getDb(d1)
    .selectFrom('follow_ups')
    .select(sql<number>`count(*)`.as('n'))
    .where('project_id', '=', projectId)
    .where('state', '=', 'open')
    .where('due_at', '<', at)
    .executeTakeFirst()
  return row?.n ?? 0
}

/**
 * The statements that give a follow-up its owner and deadline, for one batch: the update only
 * if no run assigned it meanwhile, and its history line only when that update took.
 */
export function assignmentStatements(
  d1: D1Database,
  a: { responseId: string; projectId: string; ownerId: string | null; dueAt: string; at: string },
): D1PreparedStatement[] {
  return [
    toStatement(
      d1,
      getDb(d1)
        .updateTable('follow_ups')
        .set({ owner_id: a.ownerId, assigned_at: a.at, due_at: a.dueAt, updated_at: a.at })
        .where('response_id', '=', a.responseId)
        .where('assigned_at', 'is', null),
    ),
    d1
      .prepare(
        `INSERT INTO follow_up_events (id, response_id, project_id, at, actor, change, owner_id)
         SELECT ?, ?, ?, ?, 'system:assignment', 'owner', ? WHERE changes() = 1`,
      )
      .bind(crypto.randomUUID(), a.responseId, a.projectId, a.at, a.ownerId),
  ]
}
