// The weekly digest (daily cron, worker/scheduled.ts) to the admins and owners who asked for it:
// the last 7 days against the 7 before, per survey and per touchpoint of it — only the changes
// that stay significant after Benjamini–Hochberg across every segment tested (q = DIGEST_Q) —
// rising themes, open follow-ups past their deadline, and the share contacted in time.
// Once per project and ISO week (digest_runs' primary key); a bounded chunk of one database.
import { DAY_MS } from '../../schema/constants'
import { compareTallies } from '../../schema/compare'
import { benjaminiHochberg } from '../../schema/stats'
import type { Survey } from '../../schema/survey'
import { countOverdue, followUpsForStats } from '../db/follow-ups'
import { claimDigestWeek, digestSubscribers, newestSurveys, nextDigestProject } from '../db/digest'
import { ADMIN_ROLES, membersWithRoles } from '../db/loop-members'
import { controlDb } from '../db/resolve'
import { readDayBuckets } from '../db/rollups'
import { computeThemes } from '../services/themes'
import { loopFigures } from './stats'
import type { CronContext } from './assign'
import { appLink, sendNotice } from '../email/notice'

/** The false discovery rate the digest allows across the segments it tests. */
export const DIGEST_Q = 0.1
export const DIGEST_BUDGET = { queries: 45, surveysPerProject: 3 } as const
/** Worst case per project: find, claim, subscribers, admins, surveys, overdue, in-time, and per
 * survey two windows of buckets and two of themes (each themes read is two statements). */
const perProject = 7 + DIGEST_BUDGET.surveysPerProject * 6

const day = (t: number) => new Date(t).toISOString().slice(0, 10)

/** The Monday (UTC) of the week an instant is in: the digest's key. */
export function weekOf(now: Date): string {
  const back = (now.getUTCDay() + 6) % 7
  return day(now.getTime() - back * DAY_MS)
}

export interface DigestChange {
  surveyId: string
  /** null: the whole survey; else the touchpoint ('' for answers without one). */
  touchpoint: string | null
  delta: number
  pValue: number
  adjusted: number
}

export interface DigestContent {
  changes: DigestChange[]
  tested: number
  rising: { surveyId: string; term: string; share: number; before: number }[]
  overdue: number
  contactedInTimeShare: number | null
}

/** What one project's digest says, from its rollups, themes and follow-ups. */
export async function digestFor(
  { db, env, now }: CronContext,
  projectId: string,
  surveys: readonly Pick<Survey, 'id' | 'kind'>[],
): Promise<DigestContent> {
  const to = day(now.getTime() - DAY_MS)
  const from = day(now.getTime() - 7 * DAY_MS)
  const beforeTo = day(now.getTime() - 8 * DAY_MS)
  const beforeFrom = day(now.getTime() - 14 * DAY_MS)
  const ctx = { db, env, now, projectId, actor: { kind: 'system', task: 'digest' } as const }
  const tests: Omit<DigestChange, 'adjusted'>[] = []
  const rising: DigestContent['rising'] = []
  for (const s of surveys) {
    const [now7, before7] = await Promise.all([
      readDayBuckets(db, { surveyId: s.id, from, to }, 'touchpoint'),
      readDayBuckets(db, { surveyId: s.id, from: beforeFrom, to: beforeTo }, 'touchpoint'),
    ])
    const keys = new Set([...now7.buckets, ...before7.buckets].map((b) => b.key))
    const tallyOf = (read: typeof now7, key: string | null) =>
      read.buckets
        .filter((b) => key === null || b.key === key)
        .reduce(
          (t, b) => ({
            total: t.total + b.tally.total,
            positive: t.positive + b.tally.positive,
            neutral: t.neutral + b.tally.neutral,
            negative: t.negative + b.tally.negative,
            scoreSum: t.scoreSum + b.tally.scoreSum,
            scores: t.scores.map((n, i) => n + (b.tally.scores[i] ?? 0)),
          }),
          {
            total: 0,
            positive: 0,
            neutral: 0,
            negative: 0,
            scoreSum: 0,
            scores: Array(11).fill(0),
          },
        )
    for (const key of [null, ...keys]) {
      const c = compareTallies(s.kind, tallyOf(before7, key), tallyOf(now7, key))
      if (c.delta !== null && c.pValue !== null)
        tests.push({ surveyId: s.id, touchpoint: key, delta: c.delta, pValue: c.pValue })
    }
    const [themesNow, themesBefore] = await Promise.all([
      computeThemes(ctx, { surveyId: s.id, from, to, limit: 10 }),
      computeThemes(ctx, { surveyId: s.id, from: beforeFrom, to: beforeTo, limit: 50 }),
    ])
    for (const th of themesNow.body.themes) {
      const before = themesBefore.body.themes.find((b) => b.term === th.term)?.share ?? 0
      if (th.count >= 3 && th.share - before >= 5)
        rising.push({ surveyId: s.id, term: th.term, share: th.share, before })
    }
  }
  const bh = benjaminiHochberg(
    tests.map((t) => t.pValue),
    DIGEST_Q,
  )
  const changes = tests
    .map((t, i) => ({ ...t, adjusted: bh.adjusted[i] }))
    .filter((_, i) => bh.rejected[i])
  const overdue = await countOverdue(db, projectId, now.toISOString())
  const week = await followUpsForStats(db, projectId, {
    from: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
  })
  return {
    changes,
    tested: tests.length,
    rising,
    overdue,
    contactedInTimeShare: loopFigures(week).contactedInTimeShare,
  }
}

function render(d: DigestContent, nameOf: (id: string) => string): string[] {
  const lines = [
    `Changes against the week before that stay significant after Benjamini–Hochberg at q = ${DIGEST_Q} across the ${d.tested} segments tested:`,
    ...(d.changes.length
      ? d.changes.map(
          (c) =>
            `• ${nameOf(c.surveyId)}${c.touchpoint === null ? '' : ` · ${c.touchpoint || '(no touchpoint)'}`}: ${c.delta > 0 ? '+' : ''}${c.delta} (adjusted p = ${c.adjusted.toFixed(3)})`,
        )
      : ['• none']),
    'Rising themes:',
    ...(d.rising.length
      ? d.rising.map((r) => `• ${nameOf(r.surveyId)}: “${r.term}” ${r.before} % → ${r.share} %`)
      : ['• none']),
    `Open follow-ups past their deadline: ${d.overdue}.`,
    `Negative answers of the last 7 days contacted in time: ${d.contactedInTimeShare === null ? '–' : `${d.contactedInTimeShare} %`}.`,
  ]
  return lines
}

/** Sends the digests due this week, as many projects as fit the budget. */
export async function weeklyDigest(c: CronContext) {
  const { db, env, now } = c
  const most = c.budget ?? DIGEST_BUDGET.queries
  const week = weekOf(now)
  let queries = 0
  const done = { projects: 0, emails: 0, queries: 0 }
  while (queries + perProject <= most) {
    queries++
    const projectId = await nextDigestProject(db, week)
    if (!projectId) break
    queries++
    // Claimed first: a second run the same week (or a concurrent one) sends nothing.
    const claimed = await claimDigestWeek(db, projectId, week, now)
    if (!claimed) continue
    done.projects++
    queries += 3
    const subscribed = await digestSubscribers(db, projectId)
    const admins = await membersWithRoles(controlDb(env), projectId, ADMIN_ROLES)
    const to = admins.filter((a) => subscribed.includes(a.id))
    const surveys = await newestSurveys(db, projectId, DIGEST_BUDGET.surveysPerProject)
    if (!to.length) continue
    queries += 2 + surveys.length * 6
    const content = await digestFor(c, projectId, surveys)
    const nameOf = (id: string) => surveys.find((s) => s.id === id)?.name ?? id
    for (const admin of to) {
      const sent = await sendNotice(env, admin.email, {
        subject: `Kundepuls weekly digest, week of ${week}`,
        paragraphs: render(content, nameOf),
        link: { href: appLink(env, '/app/inbox?view=overdue'), text: 'Open the follow-ups' },
      })
      if (sent.ok) done.emails++
    }
  }
  done.queries = queries
  return done
}
