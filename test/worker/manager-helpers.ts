// Helpers of the manager API tests: seeding through the import route, and the figures computed
// straight from raw rows with the scoring module (never from the rollups).
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { DAY_MS, type SurveyKind } from '../../schema/constants'
import { figuresFor, tallyScores } from '../../schema/scoring'
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

export function expectedMetrics(kind: SurveyKind, rows: RawRow[], w: Window, groupBy?: string) {
  const counted = rows.filter((r) => {
    const day = r.answered_at.slice(0, 10)
    return (
      r.is_test === 0 &&
      (!w.from || day >= w.from) &&
      (!w.to || day <= w.to) &&
      (w.touchpoint === undefined || r.touchpoint === w.touchpoint)
    )
  })
  const overall = figuresFor(
    kind,
    tallyScores(
      kind,
      counted.map((r) => r.score),
    ),
  )
  if (!groupBy) return { ...overall }
  const groups = new Map<string | null, number[]>()
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
    groups.set(key, [...(groups.get(key) ?? []), r.score])
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
  )
  return {
    ...overall,
    series: keys.map((key) => ({ key, ...figuresFor(kind, tallyScores(kind, groups.get(key)!)) })),
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
     INSERT INTO responses (id, project_id, survey_id, kind, score, category, touchpoint,
       customer_id, email, reason, properties, channel, created_at, answered_at, updated_at)
     SELECT printf('%s-0000-4000-8000-%012d', ?, i), ?, ?, 'nps', i % 11,
       iif(i % 11 >= 9, 'promoter', iif(i % 11 >= 7, 'passive', 'detractor')),
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
