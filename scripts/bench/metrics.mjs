// GET /v1/metrics at 1k and at 100k answers, in one run on one local D1: the two surveys have the
// same 90 days × 4 touchpoints = 360 buckets, so a metrics call should cost the same on both.
// Prints median latencies, their ratio (goal ≤ 1.5×), D1 rows read per call and rows written per answer.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { quietEnv, run } from '../lib.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 8789)
const BASE = `http://127.0.0.1:${PORT}`
const STATE = '.wrangler/bench-state'
const ADMIN = 'bench-admin-token'
const SIZES = [1_000, 100_000]
const BATCH = 1000
const CALLS = 40
const DAYS = 90
const TOUCHPOINTS = ['purchase', 'delivery', 'support', 'onboarding']
// schema/constants' DAY_MS; this plain Node script cannot import TypeScript.
const DAY_MS = 86_400_000
const START = Date.parse('2026-01-01T00:00:00.000Z')

rmSync(STATE, { recursive: true, force: true })
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE], {
  stdio: ['ignore', 'ignore', 'inherit'],
})

const dev = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--persist-to',
    STATE,
    '--var',
    `ADMIN_TOKEN:${ADMIN}`,
    '--log-level',
    'error',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'], env: quietEnv, detached: true },
)
const stop = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM')
  } catch {}
}
process.on('exit', stop)
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

for (let i = 0; ; i++) {
  if (i > 120) throw new Error('wrangler dev did not answer within 60 s')
  if (
    await fetch(`${BASE}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break
  await new Promise((r) => setTimeout(r, 500))
}

const project = (await api('POST', '/v1/projects', ADMIN, { name: 'Bench' })).json
const sk = project.secretKey

/** Answer i of a survey: round-robin over every (day, touchpoint) bucket, then spread. */
function answer(surveyId, i) {
  const day = i % DAYS
  const touchpoint = TOUCHPOINTS[Math.floor(i / DAYS) % TOUCHPOINTS.length]
  return {
    id: randomUUID(),
    surveyId,
    score: (i * 7) % 11,
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

async function measure(surveyId, groupBy) {
  const q = `/v1/metrics?surveyId=${surveyId}${groupBy ? `&groupBy=${groupBy}` : ''}`
  const times = []
  let rowsRead = 0
  let total = 0
  for (let i = 0; i < CALLS + 5; i++) {
    const t = performance.now()
    const { json, headers } = await api('GET', q, sk)
    if (i >= 5) times.push(performance.now() - t)
    rowsRead = Number(headers.get('x-d1-rows-read'))
    total = json.total
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], rowsRead, total }
}

console.log(`\nGET /v1/metrics, median of ${CALLS} sequential calls each (after 5 warm-up calls)`)
console.log(
  'groupBy      total 1k   ms 1k  rows_read 1k | total 100k  ms 100k  rows_read 100k | ratio',
)
const ratios = []
for (const groupBy of [undefined, 'day', 'touchpoint']) {
  // Interleave the two sizes so that machine noise hits both alike.
  const small = await measure(surveys[SIZES[0]], groupBy)
  const large = await measure(surveys[SIZES[1]], groupBy)
  const ratio = large.median / small.median
  ratios.push(ratio)
  console.log(
    `${(groupBy ?? 'none').padEnd(12)} ${String(small.total).padStart(8)} ${small.median.toFixed(2).padStart(7)} ${String(small.rowsRead).padStart(13)} | ` +
      `${String(large.total).padStart(10)} ${large.median.toFixed(2).padStart(7)} ${String(large.rowsRead).padStart(15)} | ${ratio.toFixed(2)}×`,
  )
}
const worst = Math.max(...ratios)
console.log(`worst ratio 100k/1k: ${worst.toFixed(2)}× (goal ≤ 1.5×) ${worst <= 1.5 ? '✓' : '✗'}`)

// Rows written per answer: D1's meta.rows_written, rollups and index entries included.
const probe = (await api('POST', '/v1/surveys', sk, { name: 'probe', kind: 'nps' })).json.id
const one = (extra) => ({
  id: randomUUID(),
  surveyId: probe,
  score: 9,
  createdAt: '2026-02-01T10:00:00.000Z',
  ...extra,
})
const written = async (label, row) => {
  const { headers } = await api('POST', '/v1/responses/import', sk, { responses: [row] })
  console.log(`  ${label.padEnd(58)} ${headers.get('x-d1-rows-written')}`)
}
console.log('\nrows written per answer (x-d1-rows-written of a one-row import)')
const full = one({
  touchpoint: 'purchase',
  customerId: 'c1',
  ref: 'T-1',
  properties: { segment: 'smb', plan: 'pro', country: 'DK' },
})
await written('new answer, touchpoint, customer+ref, 3 segment properties', full)
await written('the same id again (retry)', full)
await written('new answer, no customer, no properties', one({}))
await written('later answer for the same customer+ref (replaces it)', {
  ...full,
  id: randomUUID(),
  score: 2,
  createdAt: '2026-02-02T10:00:00.000Z',
})
stop()
process.exit(0)
