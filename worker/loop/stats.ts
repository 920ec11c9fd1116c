// The figures that prove nobody was ignored (SPEC.md "Closed loop"), per project, survey and
// owner: the share of negative answers contacted by their deadline, the median hours to first
// contact, and the recovery rate of answered re-asks with its Wilson 95 % interval.
import type { FollowUpStats, FollowUpStatsQuery, LoopFigures } from '../../schema/follow-up'
import { round, share } from '../../schema/scoring'
import { wilson } from '../../schema/stats'
import type { Ctx } from '../context'
import { followUpsForStats } from '../db/follow-ups'

type Row = Awaited<ReturnType<typeof followUpsForStats>>[number]

const HOUR_MS = 3_600_000

function median(values: number[]): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** The figures of a set of follow-ups. A contact is its first contact (or its resolution). */
export function loopFigures(rows: readonly Row[]): LoopFigures {
  const hours: number[] = []
  let inTime = 0
  let reasked = 0
  let recovered = 0
  for (const r of rows) {
    if (r.contacted_at) {
      hours.push((Date.parse(r.contacted_at) - Date.parse(r.created_at)) / HOUR_MS)
      if (r.contacted_at <= r.due_at) inTime++
    }
    if (r.reask_response_id) reasked++
    if (r.recovered_at) recovered++
  }
  const m = median(hours)
  const ci = wilson(recovered, reasked)
  return {
    negative: rows.length,
    contactedInTime: inTime,
    contactedInTimeShare: share(inTime, rows.length),
    medianHoursToContact: m === null ? null : round(m, 1),
    reasked,
    recovered,
    recoveryRate: share(recovered, reasked),
    ci95: ci && { low: round(ci.low * 100, 1), high: round(ci.high * 100, 1) },
  }
}

function groupBy<K>(rows: readonly Row[], key: (r: Row) => K) {
  const groups = new Map<K, Row[]>()
  for (const r of rows) {
    const k = key(r)
    const g = groups.get(k)
    if (g) g.push(r)
    else groups.set(k, [r])
  }
  return [...groups]
}

export async function followUpStats(ctx: Ctx, q: FollowUpStatsQuery): Promise<FollowUpStats> {
  const rows = await followUpsForStats(ctx.db, ctx.projectId, q)
  return {
    project: loopFigures(rows),
    surveys: groupBy(rows, (r) => r.survey_id).map(([surveyId, g]) => ({
      surveyId,
      ...loopFigures(g),
    })),
    owners: groupBy(rows, (r) => r.owner_id).map(([ownerId, g]) => ({
      ownerId,
      ...loopFigures(g),
    })),
  }
}
