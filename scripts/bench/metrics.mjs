// GET /v1/metrics and /v1/themes at 1k, 10k and 100k answers, in one run on one local D1: the
// surveys have the same 90 days × 4 touchpoints = 360 buckets, so a metrics call should cost the
// same on each; a themes call reads (day, touchpoint, term) buckets, which fill up as the reasons'
// vocabulary is used. GET /v1/journeys is timed on the whole project (~111k customer answers).
// Prints median latencies, their ratio (goal ≤ 1.5×), D1 rows read per call and rows written per answer.
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { startDevServer } from '../dev-server.mjs'

const STATE = '.wrangler/bench-state'
const ADMIN = 'bench-admin-token'
const SIZES = [1_000, 10_000, 100_000]
const BATCH = 1000
const CALLS = 40
const DAYS = 90
const TOUCHPOINTS = ['purchase', 'delivery', 'support', 'onboarding']
// schema/constants' DAY_MS; this plain Node script cannot import TypeScript.
const DAY_MS = 86_400_000
const START = Date.parse('2026-01-01T00:00:00.000Z')

rmSync(STATE, { recursive: true, force: true })
// A free port unless BENCH_PORT says otherwise; a fresh, migrated D1 in STATE.
const dev = await startDevServer({
  port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined,
  persistTo: STATE,
  migrate: true,
  vars: { ADMIN_TOKEN: ADMIN },
  logLevel: 'error',
})
const BASE = dev.url
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130))

async function api(method, path, token, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`)
  return { json: JSON.parse(text), headers: res.headers }
}

const project = (await api('POST', '/v1/projects', ADMIN, { name: 'Bench' })).json
const sk = project.secretKey

// What customers write, by polarity, in four of the widget's languages (most reasons are short).
const REASONS = {
  negative: [
    ['en', 'Delivery was late again'],
    ['en', 'Too expensive for what you get'],
    ['en', 'Support never answered my email'],
    ['da', 'Levering tog alt for lang tid'],
    ['da', 'Pakken kom i stykker'],
    ['nb', 'Treg frakt og dårlig emballasje'],
    ['sv', 'Leveransen var försenad'],
    ['sv', 'Kundtjänst svarade aldrig'],
  ],
  neutral: [
    ['en', 'Average experience'],
    ['da', 'Helt fint'],
    ['sv', 'Inget särskilt'],
  ],
  positive: [
    ['en', 'Fast delivery and friendly support'],
    ['en', 'Great quality for the price'],
    ['da', 'Hurtig levering og venlig kundeservice'],
    ['nb', 'Rask levering, hyggelig betjening'],
    ['sv', 'Snabb leverans och trevlig personal'],
  ],
}
const polarity = (score) => (score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative')

/** Answer i of a survey: round-robin over every (day, touchpoint) bucket, then spread. */
function answer(surveyId, i) {
  const day = i % DAYS
  const touchpoint = TOUCHPOINTS[Math.floor(i / DAYS) % TOUCHPOINTS.length]
  const score = (i * 7) % 11
  const bank = REASONS[polarity(score)]
  // Two answers in three say why.
  const [locale, reason] = bank[Math.floor(i / 3) % bank.length]
  return {
    id: randomUUID(),
    surveyId,
    score,
    ...(i % 3 ? { reason, locale } : {}),
    touchpoint,
    customerId: `c${i % 5000}`,
    properties: {
      segment: ['smb', 'mid', 'ent'][i % 3],
      plan: ['free', 'pro', 'team'][(i % 7) % 3],
      country: ['DK', 'SE', 'NO', 'DE', 'FI'][i % 5],
    },
    createdAt: new Date(START + day * DAY_MS + ((i * 7919) % DAY_MS)).toISOString(),
  }
}

async function seed(surveyId, n) {
  const started = Date.now()
  let done = 0
  const batches = Array.from({ length: Math.ceil(n / BATCH) }, (_, b) => b)
  // Two calls in flight: one is parsed while D1 writes the other.
  const worker = async () => {
    while (batches.length) {
      const b = batches.shift()
      const rows = Array.from({ length: Math.min(BATCH, n - b * BATCH) }, (_, k) =>
        answer(surveyId, b * BATCH + k),
      )
      await api('POST', '/v1/responses/import', sk, { responses: rows })
      done += rows.length
      const rate = done / ((Date.now() - started) / 1000)
      process.stdout.write(
        `\r  seeding ${n.toLocaleString('en')}: ${done.toLocaleString('en')} (${Math.round(rate)} answers/s)   `,
      )
    }
  }
  await Promise.all([worker(), worker()])
  process.stdout.write(`\n`)
}

const surveys = {}
for (const n of SIZES) {
  surveys[n] = (await api('POST', '/v1/surveys', sk, { name: `bench ${n}`, kind: 'nps' })).json.id
  await seed(surveys[n], n)
}

async function measure(surveyId, extra, path = '/v1/metrics') {
  const q = `${path}?${[surveyId && `surveyId=${surveyId}`, extra].filter(Boolean).join('&')}`
  const times = []
  let rowsRead = 0
  let total = 0
  for (let i = 0; i < CALLS + 5; i++) {
    const t = performance.now()
    const { json, headers } = await api('GET', q, sk)
    if (i >= 5) times.push(performance.now() - t)
    rowsRead = Number(headers.get('x-d1-rows-read'))
    total = json.total ?? json.reasons ?? json.customers
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], rowsRead, total }
}

const row = (label, m) =>
  `${label.padEnd(34)} ${String(m.total).padStart(7)} ${m.median.toFixed(2).padStart(7)} ${String(m.rowsRead).padStart(9)}`
const ratios = []
async function compare(title, path, variants) {
  console.log(`\n${title}, median of ${CALLS} sequential calls each (after 5 warm-up calls)`)
  console.log(
    `${'call'.padEnd(34)} ${'n'.padStart(7)} ${'ms'.padStart(7)} ${'rows_read'.padStart(9)}`,
  )
  for (const [label, query] of variants) {
    // Interleave the sizes so that machine noise hits them alike.
    const m = []
    for (const n of SIZES) m.push(await measure(surveys[n], query, path))
    SIZES.forEach((n, k) => console.log(row(`${label} @${n / 1000}k`, m[k])))
    const ratio = m.at(-1).median / m[0].median
    const rows = m.at(-1).rowsRead / m[0].rowsRead
    ratios.push([`${path} ${label}`, ratio, rows])
    console.log(
      `  100k/1k: time ${ratio.toFixed(2)}×, rows read ${rows.toFixed(2)}×; 100k/10k rows read ${(m.at(-1).rowsRead / m[1].rowsRead).toFixed(2)}×`,
    )
  }
}
const window = 'from=2026-02-01&to=2026-03-31'
await compare('GET /v1/metrics', '/v1/metrics', [
  ['none', ''],
  ['groupBy=day', 'groupBy=day'],
  ['groupBy=touchpoint (vsRest)', 'groupBy=touchpoint'],
  ['compare=previous', `${window}&compare=previous`],
])
await compare('GET /v1/themes', '/v1/themes', [
  ['all', ''],
  ['category=detractor', 'category=detractor'],
  ['59 days', window],
])
for (const [label, ratio, rows] of ratios)
  console.log(
    `${label.padEnd(48)} time ${ratio.toFixed(2)}× rows ${rows.toFixed(2)}× ${ratio <= 1.5 ? '✓' : '✗'} (goal ≤ 1.5×)`,
  )

// Journeys: one read over the window of the covering index, project-wide and per survey.
console.log(`\nGET /v1/journeys (${DAYS} days), median of ${CALLS} calls`)
for (const [label, query] of [
  ['project-wide', ''],
  ['survey 100k', surveys[100_000]],
  ['survey 1k', surveys[1_000]],
]) {
  const m = await measure(query, 'from=2026-01-01&to=2026-03-31', '/v1/journeys')
  console.log(row(label, m))
}

// Rows written per answer: D1's meta.rows_written, rollups and index entries included.
const probe = (await api('POST', '/v1/surveys', sk, { name: 'probe', kind: 'nps' })).json.id
const one = (extra) => ({
  id: randomUUID(),
  surveyId: probe,
  score: 9,
  createdAt: '2026-02-01T10:00:00.000Z',
  ...extra,
})
const written = async (label, answer) => {
  const { headers } = await api('POST', '/v1/responses/import', sk, { responses: [answer] })
  console.log(`  ${label.padEnd(66)} ${headers.get('x-d1-rows-written')}`)
}
console.log('\nrows written per answer (x-d1-rows-written of a one-row import)')
const full = one({
  touchpoint: 'purchase',
  customerId: 'c1',
  ref: 'T-1',
  properties: { segment: 'smb', plan: 'pro', country: 'DK' },
})
await written('new answer, touchpoint, customer+ref, 3 segment properties', full)
const reason = 'Delivery was late and the driver was rude'
await written(`the same with the reason "${reason}"`, {
  ...full,
  id: randomUUID(),
  ref: 'T-2',
  reason,
  locale: 'en',
})
await written('the same with "Fast delivery and friendly support" (6 terms)', {
  ...full,
  id: randomUUID(),
  ref: 'T-3',
  reason: 'Fast delivery and friendly support',
  locale: 'en',
})
await written('the same id again (retry)', full)
await written('new answer, no customer, no properties', one({}))
await written('later answer for the same customer+ref (replaces it)', {
  ...full,
  id: randomUUID(),
  score: 2,
  createdAt: '2026-02-02T10:00:00.000Z',
})
await dev.stop()
process.exit(0)
