// Helpers of the manager API tests: seeding through the import route, and the figures computed
// straight from raw rows with the scoring module (never from the rollups).
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { DAY_MS, SCALES, type SurveyKind } from '../../schema/constants'
import { compareTallies } from '../../schema/compare'
import { figuresFor, share, tallyScores } from '../../schema/scoring'
import { call, uuid } from './helpers'

export interface ImportRowInput {
  id?: string
  surveyId: string
  score: number
  createdAt: string
  [field: string]: unknown
}

export async function importRows(secretKey: string, rows: ImportRowInput[]) {
  const res = await call('POST', '/v1/responses/import', {
    token: secretKey,
    body: { responses: rows.map((r) => ({ id: uuid(), ...r })) },
  })
  expect(res.status, res.text).toBe(200)
  return res.json as { imported: number; duplicates: number }
}

export interface RawRow {
  id: string
  survey_id: string
  score: number
  category: string
  touchpoint: string | null
  customer_id: string | null
  properties: string
  is_test: number
  channel: string
  link_channel: string | null
  reason: string | null
  locale: string | null
  terms: string | null
  created_at: string
  answered_at: string
}

export async function rawRows(surveyId: string): Promise<RawRow[]> {
  const { results } = await env.DB.prepare('SELECT * FROM responses WHERE survey_id = ?')
    .bind(surveyId)
    .all<RawRow>()
  return results
}

/** Monday of the ISO week, computed by walking back day by day (independent of the worker's arithmetic). */
export function mondayOf(day: string): string {
  let d = new Date(`${day}T12:00:00Z`)
  while (d.getUTCDay() !== 1) d = new Date(d.getTime() - DAY_MS)
  return d.toISOString().slice(0, 10)
}

/** How a property value names its bucket: strings as given, booleans and numbers as text. */
export const propertyKey = (v: unknown) => (typeof v === 'string' ? v : String(v))

export interface Window {
  from?: string
  to?: string
  touchpoint?: string
}

/** A widget display or a link invitation, as stored (impressions, invitations). */
export interface RawReach {
  type: 'shown' | 'invited'
  /** The widget's, or what carried the invitation's link. */
  channel: string
  survey_id: string
  touchpoint: string | null
  created_at: string
}

export async function rawReach(surveyId: string): Promise<RawReach[]> {
  const { results } = await env.DB.prepare(
    `SELECT 'shown' AS type, 'widget' AS channel, survey_id, touchpoint, created_at FROM impressions
       WHERE survey_id = ?1 AND type = 'shown'
     UNION ALL SELECT 'invited', channel, survey_id, touchpoint, created_at FROM invitations
       WHERE survey_id = ?1`,
  )
    .bind(surveyId)
    .all<RawReach>()
  return results
}

const inWindow = (day: string, touchpoint: string | null, w: Window) =>
  (!w.from || day >= w.from) &&
  (!w.to || day <= w.to) &&
  (w.touchpoint === undefined || touchpoint === w.touchpoint)

/** Figures plus the distribution counted score by score (not through distributionOf). */
function figuresWithDistribution(kind: SurveyKind, scores: number[]) {
  const { min, max } = SCALES[kind]
  const distribution = []
  for (let score = min; score <= max; score++)
    distribution.push({ score, count: scores.filter((s) => s === score).length })
  return { ...figuresFor(kind, tallyScores(kind, scores)), distribution }
}

function reachFigures(rows: RawRow[], reach: RawReach[]) {
  const shown = reach.filter((r) => r.type === 'shown').length
  const invited = reach.filter((r) => r.type === 'invited').length
  return {
    shown,
    responseRate: share(rows.filter((r) => r.channel === 'widget').length, shown),
    invited,
    linkResponseRate: share(rows.filter((r) => r.channel === 'link').length, invited),
  }
}

export interface OracleOptions {
  reach?: RawReach[]
  /** The earlier window of a comparison (inclusive UTC days). */
  compare?: { from: string; to: string }
}

/** Every figure of GET /v1/metrics, computed straight from the raw rows. */
export function expectedMetrics(
  kind: SurveyKind,
  rows: RawRow[],
  w: Window,
  groupBy?: string,
  opts: OracleOptions = {},
) {
  const live = rows.filter((r) => r.is_test === 0)
  const counted = live.filter((r) => inWindow(r.answered_at.slice(0, 10), r.touchpoint, w))
  const reach = (opts.reach ?? []).filter((r) =>
    inWindow(r.created_at.slice(0, 10), r.touchpoint, w),
  )
  const scores = (rs: RawRow[]) => rs.map((r) => r.score)
  const overall = {
    ...figuresWithDistribution(kind, scores(counted)),
    ...reachFigures(counted, reach),
    ...(groupBy?.startsWith('property:') ? { rebuilding: false } : {}),
    ...(opts.compare ? { change: expectedChange(kind, live, counted, w, opts.compare) } : {}),
  }
  if (!groupBy) return overall
  const timeOrTouchpoint = !groupBy.startsWith('property:')
  const keyOfDay = (day: string) =>
    groupBy === 'day' ? day : groupBy === 'week' ? mondayOf(day) : day.slice(0, 7)
  const groups = new Map<string | null, RawRow[]>()
  const reachGroups = new Map<string | null, RawReach[]>()
  if (timeOrTouchpoint) {
    for (const r of reach) {
      const key = groupBy === 'touchpoint' ? r.touchpoint : keyOfDay(r.created_at.slice(0, 10))
      reachGroups.set(key, [...(reachGroups.get(key) ?? []), r])
      groups.set(key, groups.get(key) ?? [])
    }
  }
  for (const r of counted) {
    const day = r.answered_at.slice(0, 10)
    let key: string | null | undefined
    if (groupBy === 'day') key = day
    else if (groupBy === 'week') key = mondayOf(day)
    else if (groupBy === 'month') key = day.slice(0, 7)
    else if (groupBy === 'touchpoint') key = r.touchpoint
    else {
      const props = JSON.parse(r.properties)
      const name = groupBy.slice('property:'.length)
      key = name in props ? propertyKey(props[name]) : undefined
    }
    if (key === undefined) continue
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
  )
  const vsRest = groupBy === 'touchpoint' || !timeOrTouchpoint
  return {
    ...overall,
    series: keys.map((key) => {
      const inBucket = groups.get(key)!
      const rest = counted.filter((r) => !inBucket.includes(r))
      return {
        key,
        ...figuresWithDistribution(kind, scores(inBucket)),
        ...(timeOrTouchpoint ? reachFigures(inBucket, reachGroups.get(key) ?? []) : {}),
        ...(vsRest
          ? {
              vsRest: compareTallies(
                kind,
                tallyScores(kind, scores(rest)),
                tallyScores(kind, scores(inBucket)),
              ),
            }
          : {}),
      }
    }),
  }
}

function expectedChange(
  kind: SurveyKind,
  live: RawRow[],
  counted: RawRow[],
  w: Window,
  earlier: { from: string; to: string },
) {
  const before = live.filter((r) =>
    inWindow(r.answered_at.slice(0, 10), r.touchpoint, { ...w, ...earlier }),
  )
  const scoresOf = (rs: RawRow[]) => rs.map((r) => r.score)
  return {
    ...earlier,
    previous: figuresWithDistribution(kind, scoresOf(before)),
    ...compareTallies(
      kind,
      tallyScores(kind, scoresOf(before)),
      tallyScores(kind, scoresOf(counted)),
    ),
  }
}

/** Picks the figures out of a metrics answer (drops kind, surveyId and the echoed query). */
export function figuresOf(body: Record<string, unknown>) {
  const { kind, surveyId, from, to, touchpoint, groupBy, ...figures } = body
  return figures
}

export interface SeedOptions {
  /** First UTC day of answered_at; answers spread over `days` days from it. */
  start?: string
  days?: number
  touchpoints?: number
  customerId?: string | null
  email?: string | null
  reason?: string | null
  /** Properties JSON of every answer. */
  properties?: string
}

/**
 * Inserts `n` NPS answers in one statement (a recursive CTE), for tests that need more answers
 * than imports would seed quickly. The rollup triggers run as for any insert. Ids are
 * UUID-shaped, unique per call; scores cycle 0–10.
 */
export async function seedAnswers(
  projectId: string,
  surveyId: string,
  n: number,
  o: SeedOptions = {},
) {
  const prefix = crypto.randomUUID().slice(0, 8)
  await env.DB.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)
     INSERT INTO responses (id, project_id, survey_id, kind, score, category, polarity, touchpoint,
       customer_id, email, reason, properties, channel, created_at, answered_at, updated_at)
     SELECT printf('%s-0000-4000-8000-%012d', ?, i), ?, ?, 'nps', i % 11,
       iif(i % 11 >= 9, 'promoter', iif(i % 11 >= 7, 'passive', 'detractor')),
       iif(i % 11 >= 9, 1, iif(i % 11 >= 7, 0, -1)),
       'tp' || (i % ?), ?, ?, ?, ?, 'import', t, t, t
     FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (i % ?) || ' days',
       '+' || (i % 86400) || ' seconds') AS t FROM seq)`,
  )
    .bind(
      n,
      prefix,
      projectId,
      surveyId,
      o.touchpoints ?? 4,
      o.customerId ?? null,
      o.email ?? null,
      o.reason ?? null,
      o.properties ?? '{}',
      `${o.start ?? '2025-01-01'}T00:00:00.000Z`,
      o.days ?? 365,
    )
    .run()
}
