// The daily privacy jobs: anonymise answers past their project's retentionDays, delete expired
// invitations past it, delete impressions past the longest throttle, purge long-expired
// invitations. Every job works
// in chunks of bounded size and has its own share of the invocation's D1 queries, so a run
// stays within the Free plan's 50 (https://developers.cloudflare.com/d1/platform/limits/)
// however large the backlog; what is left is done by the next runs.
import { DAY_MS } from '../../schema/constants'
import { purgeOldImpressions } from '../db/impressions'
import { deleteExpiredInvitations, deleteInvitationsPastRetention } from '../db/invitations'
import { anonymiseExpiredAnswers } from '../db/responses'

/**
 * Invitations hold an email address and properties, so they should not outlive their use. They
 * are kept 90 days past expiry: until then an old link still gets the friendly "expired" page
 * (410), which needs the row to verify the token; after that it is simply unknown (404).
 */
export const INVITATION_GRACE_MS = 90 * DAY_MS

export interface Job {
  /** Rows per statement: an anonymised answer moves a few rollup rows through its trigger. */
  chunk: number
  /** Statements per run. */
  queries: number
}

/** 20 + 5 + 10 + 5 = 40 statements at most, of the 50 an invocation may send. */
export const JOBS = {
  answersAnonymised: { chunk: 5000, queries: 20 },
  invitationsPastRetention: { chunk: 10_000, queries: 5 },
  impressionsDeleted: { chunk: 10_000, queries: 10 },
  invitationsExpired: { chunk: 10_000, queries: 5 },
} satisfies Record<string, Job>

export type Housekeeping = Record<keyof typeof JOBS, number> & { queries: number }

/** Repeats one chunked step until it does less than a chunk or its share of queries is used. */
async function chunked(job: Job, step: (limit: number) => Promise<number>) {
  let done = 0
  let queries = 0
  while (queries < job.queries) {
    queries++
    const n = await step(job.chunk)
    done += n
    if (n < job.chunk) break
  }
  return { done, queries }
}

export async function runHousekeeping(
  d1: D1Database,
  now: Date,
  jobs: Record<keyof typeof JOBS, Job> = JOBS,
): Promise<Housekeeping> {
  const at = now.toISOString()
  const expiredBefore = new Date(now.getTime() - INVITATION_GRACE_MS).toISOString()
  const runs = {
    answersAnonymised: await chunked(jobs.answersAnonymised, (n) =>
      anonymiseExpiredAnswers(d1, at, n),
    ),
    invitationsPastRetention: await chunked(jobs.invitationsPastRetention, (n) =>
      deleteInvitationsPastRetention(d1, at, n),
    ),
    impressionsDeleted: await chunked(jobs.impressionsDeleted, (n) =>
      purgeOldImpressions(d1, at, n),
    ),
    invitationsExpired: await chunked(jobs.invitationsExpired, (n) =>
      deleteExpiredInvitations(d1, expiredBefore, n),
    ),
  }
  return {
    answersAnonymised: runs.answersAnonymised.done,
    invitationsPastRetention: runs.invitationsPastRetention.done,
    impressionsDeleted: runs.impressionsDeleted.done,
    invitationsExpired: runs.invitationsExpired.done,
    queries: Object.values(runs).reduce((n, r) => n + r.queries, 0),
  }
}
