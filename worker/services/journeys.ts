// GET /v1/journeys: transitions between customers' touchpoints and, per touchpoint, how many
// came there with a lower polarity than before (Wilson 95 % interval); and the at-risk list's
// lastDrop.
import { DAY_MS, INSIGHTS } from '../../schema/constants'
import type { Journeys, JourneysQuery, LastDrop } from '../../schema/journeys'
import { round, share } from '../../schema/scoring'
import { wilson } from '../../schema/stats'
import { polarityOfRank, readJourneys, readLastDrops } from '../db/journeys'
import { dayAfter } from '../db/responses'
import { findSurvey } from '../db/surveys'
import { notFound, validationError } from '../lib/problem'

/** The window: inclusive UTC days, by default the last INSIGHTS.journeyDays days up to today. */
function windowOf(q: JourneysQuery, now: Date) {
  const to = q.to ?? now.toISOString().slice(0, 10)
  const from =
    q.from ??
    new Date(Date.parse(`${to}T00:00:00.000Z`) - (INSIGHTS.journeyDays - 1) * DAY_MS)
      .toISOString()
      .slice(0, 10)
  if (from > to) throw validationError([{ path: 'query.from', message: 'from is after to' }])
  return { from, to }
}

export async function computeJourneys(
  d1: D1Database,
  projectId: string,
  q: JourneysQuery,
  now: Date,
): Promise<{ body: Journeys; rowsRead: number }> {
  const { from, to } = windowOf(q, now)
  if (q.surveyId && !(await findSurvey(d1, projectId, q.surveyId, { includeArchived: true })))
    throw notFound('Survey')
  const { rows, rowsRead } = await readJourneys(d1, {
    projectId,
    surveyId: q.surveyId,
    since: `${from}T00:00:00.000Z`,
    before: dayAfter(to),
  })
  const transitions = rows
    .filter((r) => r.kind === 't')
    .map((r) => ({
      fromTouchpoint: r.from_tp ?? '',
      fromPolarity: polarityOfRank(r.from_rank ?? 0),
      toTouchpoint: r.to_tp ?? '',
      toPolarity: polarityOfRank(r.to_rank ?? 0),
      customers: r.customers,
    }))
    .sort(
      (a, b) =>
        b.customers - a.customers ||
        a.fromTouchpoint.localeCompare(b.fromTouchpoint) ||
        a.toTouchpoint.localeCompare(b.toTouchpoint) ||
        a.fromPolarity.localeCompare(b.fromPolarity) ||
        a.toPolarity.localeCompare(b.toPolarity),
    )
    .slice(0, INSIGHTS.maxTransitions)
  const touchpoints = rows
    .filter((r) => r.kind === 'p')
    .map((r) => {
      const dropped = r.dropped ?? 0
      const ci = wilson(dropped, r.customers)
      return {
        touchpoint: r.to_tp ?? '',
        customers: r.customers,
        dropped,
        dropRate: share(dropped, r.customers),
        ci95: ci && { low: round(100 * ci.low, 1), high: round(100 * ci.high, 1) },
      }
    })
    .sort((a, b) => (a.touchpoint < b.touchpoint ? -1 : a.touchpoint > b.touchpoint ? 1 : 0))
  const customers = rows.find((r) => r.kind === 'c')?.customers ?? 0
  return {
    body: { from, to, surveyId: q.surveyId ?? null, customers, transitions, touchpoints },
    rowsRead,
  }
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
