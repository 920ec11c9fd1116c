// GET /v1/journeys: transitions between customers' touchpoints and, per touchpoint, how many
// came there with a lower polarity than before (Wilson 95 % interval); and the at-risk list's
// lastDrop.
import { DAY_MS, INSIGHTS } from '../../schema/constants'
import type { Journeys, JourneysQuery, LastDrop } from '../../schema/journeys'
import { round, share } from '../../schema/scoring'
import { wilson } from '../../schema/stats'
import { polarityOfRank, readJourneys, readLastDrops, stepsOf } from '../db/journeys'
import { dayAfter } from '../db/responses'
import { findSurvey } from '../db/surveys'
import { notFound, validationError } from '../lib/problem'
import type { Ctx } from '../context'

/** The window: inclusive UTC days, by default the last INSIGHTS.journeyDays days up to today. */
function windowOf(q: JourneysQuery, now: Date) {
  const to = q.to ?? now.toISOString().slice(0, 10)
  const from =
    q.from ??
    new Date(Date.parse(`${to}T00:00:00.000Z`) - (INSIGHTS.journeyDays - 1) * DAY_MS)
      .toISOString()
      .slice(0, 10)
  // Both given: JourneysQuery refuses from > to. Here only a from after the default to (today).
  if (from > to) throw validationError([{ path: 'query.from', message: 'from is after to' }])
  return { from, to }
}

export async function computeJourneys(
  ctx: Ctx,
  q: JourneysQuery,
): Promise<{ body: Journeys; rowsRead: number }> {
  const { db: d1, projectId, now } = ctx
  const { from, to } = windowOf(q, now)
  if (q.surveyId && !(await findSurvey(d1, projectId, q.surveyId, { includeArchived: true })))
    throw notFound('Survey')
  const { rows, rowsRead } = await readJourneys(d1, {
    projectId,
    surveyId: q.surveyId,
    since: `${from}T00:00:00.000Z`,
    before: dayAfter(to),
  })
  const walked = walk(rows.map(stepsOf))
  const transitions = [...walked.transitions]
    .map(([key, customers]) => {
      const [fromTouchpoint, fromRank, toTouchpoint, toRank] = JSON.parse(key)
      return {
        fromTouchpoint,
        fromPolarity: polarityOfRank(fromRank),
        toTouchpoint,
        toPolarity: polarityOfRank(toRank),
        customers,
      }
    })
    .sort(
      (a, b) =>
        b.customers - a.customers ||
        a.fromTouchpoint.localeCompare(b.fromTouchpoint) ||
        a.toTouchpoint.localeCompare(b.toTouchpoint) ||
        a.fromPolarity.localeCompare(b.fromPolarity) ||
        a.toPolarity.localeCompare(b.toPolarity),
    )
    .slice(0, INSIGHTS.maxTransitions)
  const touchpoints = [...walked.arrivals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([touchpoint, { customers, dropped }]) => {
      const ci = wilson(dropped, customers)
      return {
        touchpoint,
        customers,
        dropped,
        dropRate: share(dropped, customers),
        ci95: ci && { low: round(100 * ci.low, 1), high: round(100 * ci.high, 1) },
      }
    })
  return {
    body: {
      from,
      to,
      surveyId: q.surveyId ?? null,
      customers: walked.customers,
      transitions,
      touchpoints,
    },
    rowsRead,
  }
}

/**
 * Walks each customer's answers: a step to another touchpoint is a transition (counted once per
 * customer), and per touchpoint a customer's latest arrival says whether their polarity dropped.
 */
function walk(sequences: [touchpoint: string, rank: number][][]) {
  const transitions = new Map<string, number>()
  const arrivals = new Map<string, { customers: number; dropped: number }>()
  let customers = 0
  for (const steps of sequences) {
    const made = new Set<string>()
    const latest = new Map<string, boolean>()
    for (let i = 1; i < steps.length; i++) {
      const [fromTp, fromRank] = steps[i - 1]
      const [toTp, toRank] = steps[i]
      if (fromTp === toTp) continue
      made.add(JSON.stringify([fromTp, fromRank, toTp, toRank]))
      latest.set(toTp, toRank < fromRank)
    }
    if (made.size > 0) customers++
    for (const key of made) transitions.set(key, (transitions.get(key) ?? 0) + 1)
    for (const [tp, dropped] of latest) {
      const a = arrivals.get(tp) ?? { customers: 0, dropped: 0 }
      arrivals.set(tp, { customers: a.customers + 1, dropped: a.dropped + (dropped ? 1 : 0) })
    }
  }
  return { transitions, arrivals, customers }
}

/** lastDrop per customer of an at-risk list (null for those whose polarity never fell). */
export async function lastDropsOf(
  d1: D1Database,
  projectId: string,
  customerIds: string[],
  since: string,
  surveyId?: string,
): Promise<Map<string, LastDrop>> {
  const rows = await readLastDrops(d1, projectId, customerIds, since, surveyId)
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        fromTouchpoint: r.from_tp,
        fromPolarity: polarityOfRank(r.from_rank),
        toTouchpoint: r.to_tp,
        toPolarity: polarityOfRank(r.to_rank),
        at: r.answered_at,
        responseId: r.id,
      },
    ]),
  )
}
