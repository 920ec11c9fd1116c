// Webhooks under `wrangler dev`: time from an answer's POST to its signed delivery at a receiver
// on 127.0.0.1 (median and p95 over sequential answers), and the answer POST's own latency with a
// subscribed endpoint against none, as a ratio measured in the same run (the relay runs after the
// response, so it should stay near 1.0×). Rows written per answer are pinned by the worker tests
// (test/worker/webhooks/outbox.test.ts: 4 bare, +3 per subscribed endpoint).
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { quietEnv, run } from '../lib.mjs'

const N = Number(process.env.BENCH_WEBHOOK_ANSWERS ?? 30)
const ADMIN = 'bench-admin-token'
const STATE = mkdtempSync(join(tmpdir(), 'kundepuls-bench-webhooks-'))

const listen = (server) =>
  new Promise((r) => server.listen(0, '127.0.0.1', () => r(server.address().port)))
const freePort = async () => {
  const s = createServer()
  const port = await listen(s)
  await new Promise((r) => s.close(r))
  return port
}

const hits = new Map() // answer id → arrival time
let secret = ''
const receiver = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    const event = new Webhook(secret).verify(body, req.headers) // every delivery is checked
    hits.set(event.data.id, performance.now())
    res.writeHead(204).end()
  })
})
const receiverPort = await listen(receiver)

run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
const port = await freePort()
const BASE = `http://127.0.0.1:${port}`
const vars = {
  ADMIN_TOKEN: ADMIN,
  WEBHOOKS_ALLOW_LOCAL: 'true',
  ENCRYPTION_KEY: 'YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZyEhISE=',
}
const dev = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', STATE]
    .concat(['--inspector-port', String(await freePort()), '--log-level', 'error'])
    .concat(Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])),
  { stdio: ['ignore', 'ignore', 'inherit'], env: quietEnv, detached: true },
)
const stop = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM')
  } catch {}
  receiver.close()
  rmSync(STATE, { recursive: true, force: true })
}
process.on('exit', stop)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130))

async function api(method, path, token, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text)
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

const sk = (await api('POST', '/v1/projects', ADMIN, { name: 'Bench' })).secretKey
const quiet = (await api('POST', '/v1/surveys', sk, { name: 'No endpoint', kind: 'nps' })).id
const watched = (await api('POST', '/v1/surveys', sk, { name: 'Watched', kind: 'nps' })).id
secret = (
  await api('POST', '/v1/webhooks', sk, {
    url: `http://127.0.0.1:${receiverPort}/hook`,
    events: ['response.created'],
    filter: { surveyIds: [watched] },
  })
).secret

async function answer(surveyId) {
  const id = randomUUID()
  const t0 = performance.now()
  const res = await fetch(`${BASE}/v1/public/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, surveyId, score: 2, reason: 'bench' }),
  })
  await res.text()
  return { id, t0, post: performance.now() - t0 }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]

// Warm up both paths, then alternate so load drifts hit both alike.
await answer(quiet)
await answer(watched)
const posts = { quiet: [], watched: [] }
const latencies = []
for (let i = 0; i < N; i++) {
  posts.quiet.push((await answer(quiet)).post)
  const a = await answer(watched)
  posts.watched.push(a.post)
  const end = performance.now() + 15_000
  while (!hits.has(a.id) && performance.now() < end) await new Promise((r) => setTimeout(r, 5))
  if (!hits.has(a.id)) throw new Error(`answer ${a.id} was not delivered within 15 s`)
  latencies.push(hits.get(a.id) - a.t0)
}

console.log(`answers: ${N} detractors to one subscribed endpoint (local queue, 1 s batch window)`)
console.log(
  `answer → signed delivery: median ${median(latencies).toFixed(0)} ms, p95 ${p95(latencies).toFixed(0)} ms`,
)
console.log(
  `answer POST median: ${median(posts.watched).toFixed(1)} ms with an endpoint, ${median(posts.quiet).toFixed(1)} ms without → ratio ${(median(posts.watched) / median(posts.quiet)).toFixed(2)}×`,
)
process.exit(0)
