// Ingest throughput under `wrangler dev`, as a ratio to GET /health on the same server in the same
// run (machines here are noisy; absolute req/s mean little): 16 connections post widget answers
// (a new UUID each, a detractor with a reason, one webhook endpoint subscribed) for a few seconds,
// then ask /health as hard, in alternating rounds. Each request carries its own CF-Connecting-IP,
// as many visitors would, so the per-address limiter admits them (issue 17, item 8: goal ≥ 0.6).
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiClient } from '../api-client.mjs'
import { startDevServer } from '../dev-server.mjs'

const CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 16)
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3)
const ADMIN = 'bench-admin-token'

const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()))
await new Promise((r) => receiver.listen(0, '127.0.0.1', r))
const state = mkdtempSync(join(tmpdir(), 'kundepuls-bench-ingest-'))
const dev = await startDevServer({
  persistTo: state,
  migrate: true,
  logLevel: 'error',
  vars: {
    ADMIN_TOKEN: ADMIN,
    WEBHOOKS_ALLOW_LOCAL: 'true',
    ENCRYPTION_KEY: 'YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZyEhISE=',
  },
})
const stop = async () => {
  await dev.stop()
  receiver.close()
  rmSync(state, { recursive: true, force: true })
}

try {
  const project = await apiClient(dev.url, ADMIN)('POST', '/v1/projects', { name: 'Bench' })
  const sk = apiClient(dev.url, project.secretKey)
  const survey = await sk('POST', '/v1/surveys', { name: 'Ingest', kind: 'nps', throttleDays: 0 })
  await sk('POST', '/v1/webhooks', {
    url: `http://127.0.0.1:${receiver.address().port}/hook`,
    events: ['response.created'],
  })

  let visitor = 0
  // 10.0.0.0/8 as seen by the worker only: a label for the limiter, never a network target.
  const address = () => `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor++ & 255}`
  const answer = () =>
    fetch(`${dev.url}/v1/public/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': address() },
      body: JSON.stringify({
        id: randomUUID(),
        surveyId: survey.id,
        score: 3,
        reason: 'The package arrived late and damaged',
        touchpoint: 'delivery',
      }),
    })
  const health = () => fetch(`${dev.url}/health`, { headers: { 'cf-connecting-ip': address() } })

  /** Successful requests per second over SECONDS with CONNECTIONS loops. */
  async function rate(request, expect) {
    let ok = 0
    let other = 0
    const end = performance.now() + SECONDS * 1000
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const res = await request()
          await res.arrayBuffer()
          if (res.status === expect) ok++
          else other++
        }
      }),
    )
    if (other > ok / 100) throw new Error(`${other} unexpected answers (${ok} as expected)`)
    return ok / SECONDS
  }

  await rate(health, 200) // warm up both paths
  await rate(answer, 201)
  const ratios = []
  for (let round = 1; round <= ROUNDS; round++) {
    const h = await rate(health, 200)
    const a = await rate(answer, 201)
    ratios.push(a / h)
    console.log(
      `round ${round}: ingest ${a.toFixed(0)}/s, health ${h.toFixed(0)}/s → ratio ${(a / h).toFixed(2)}`,
    )
  }
  const median = [...ratios].sort((x, y) => x - y)[Math.floor(ratios.length / 2)]
  console.log(
    `ingest / health, median of ${ROUNDS} rounds (${CONNECTIONS} connections, ${SECONDS} s each, one webhook endpoint): ${median.toFixed(2)} ${median >= 0.6 ? '✓' : '✗'} (goal ≥ 0.6)`,
  )
} finally {
  await stop()
}
process.exit(0)
