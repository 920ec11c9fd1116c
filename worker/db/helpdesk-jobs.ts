// Queries on helpdesk_jobs: one row per (connection, ticket) makes "once per ticket" a unique
// key, and a lease makes one consumer at a time work on a job (duplicate messages do nothing).
import type { HelpdeskJobState } from '../../schema/constants'
import { getDb } from './client'
import type { HelpdeskJobRow } from './types'

/**
 * Creates the ticket's job, or re-arms it when the ticket was re-opened before its survey went
 * out; returns undefined when the ticket already had its turn (once per ticket).
 */
export async function armJob(d1: D1Database, row: HelpdeskJobRow) {
  return getDb(d1)
    .insertInto('helpdesk_jobs')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'ticket_id'])
        .doUpdateSet({
          state: 'waiting',
          due_at: row.due_at,
          attempts: 0,
          lease_until: null,
          updated_at: row.updated_at,
        })
        .where('helpdesk_jobs.state', '=', 'reopened'),
    )
    .returning(['id', 'due_at'])
    .executeTakeFirst()
}

/** Takes the job if it is due and nobody holds it; undefined otherwise. */
export async function claimJob(d1: D1Database, id: string, now: string, leaseUntil: string) {
  return getDb(d1)
    .updateTable('helpdesk_jobs')
    .set({ lease_until: leaseUntil })
    .where('id', '=', id)
    .where('state', 'in', ['waiting', 'posting'])
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst()
}

export async function findJob(d1: D1Database, id: string) {
  return getDb(d1).selectFrom('helpdesk_jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface JobChange {
  state: HelpdeskJobState
  at: string
  dueAt?: string
  attempts?: number
  surveyUrl?: string | null
  replyHtml?: string | null
}

/** Moves a job on and releases its lease. */
export async function settleJob(d1: D1Database, id: string, c: JobChange) {
  await getDb(d1)
    .updateTable('helpdesk_jobs')
    .set({
      state: c.state,
      lease_until: null,
      updated_at: c.at,
      ...(c.dueAt !== undefined && { due_at: c.dueAt }),
      ...(c.attempts !== undefined && { attempts: c.attempts }),
      ...(c.surveyUrl !== undefined && { survey_url: c.surveyUrl }),
      ...(c.replyHtml !== undefined && { reply_html: c.replyHtml }),
    })
    .where('id', '=', id)
    .execute()
}

/** Due jobs nobody is working on, `graceMs` past due: their queue message was lost. */
export async function overdueJobs(d1: D1Database, now: Date, graceMs: number, limit: number) {
  const before = new Date(now.getTime() - graceMs).toISOString()
  const rows = await getDb(d1)
    .selectFrom('helpdesk_jobs')
    .select('id')
    .where('state', 'in', ['waiting', 'posting'])
    .where('due_at', '<=', before)
    .where((eb) =>
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now.toISOString())]),
    )
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}
