// Fuzzed from the contract: every operation of /openapi.json gets generated requests (valid,
// near-valid, wrong types, edges, missing and extra fields, oversized, bad path and query,
// wrong credentials and content types), and every answer is held to the document.
// `npm test` runs FUZZ_RUNS (default 40) cases per operation; `npm run fuzz` runs many more.
import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { operations, resolver, type OpenApiDocument, type Operation } from './contract'
import { harvest, hints, seedTenants, type Tenant } from './fixtures'
import { changed, fingerprinter } from './fingerprint'
import { oracle } from './oracle'
import { requestArb, type FuzzRequest } from './requests'
import { fetchWorker } from './worker-fetch'

const RUNS = Number(env.FUZZ_RUNS || 40)
// `npm test` replays one fixed seed; `npm run fuzz` draws a new one (printed, so FUZZ_SEED replays it).
const SEED = Number(env.FUZZ_SEED || (env.FUZZ_RUNS ? Date.now() % 1e9 : 20261124))
/** Fresh tenants every BATCH cases: deletions and archivals of one batch do not starve the next. */
const BATCH = 25

const doc: OpenApiDocument = JSON.parse(
  (await fetchWorker('/openapi.json', { method: 'GET' })).text,
)
const ops = operations(doc)
const check = oracle(doc)
const fingerprint = await fingerprinter()
/** Statuses seen per operation. */
const stats = new Map<string, Map<number, number>>()
let round = 0

const send = (r: FuzzRequest) =>
  fetchWorker(r.url, { method: r.method, headers: r.headers, body: r.body })

const show = (r: FuzzRequest) =>
  `${r.kind}: ${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(r.headers)} ${(r.body ?? '').slice(0, 400)}`

async function runBatch(
  o: Operation,
  tenant: Tenant,
  n: number,
  seed: number,
  failures: Map<string, string>,
) {
  const ctx = { resolve: resolver(doc), hint: hints(tenant.pools, o.path) }
  const cases = fc.sample(requestArb(o, ctx, tenant.creds), { numRuns: n, seed })
  for (const r of cases) {
    const before = await fingerprint.take()
    const a = await send(r)
    // A `..` path segment is resolved by the URL parser before the worker sees it (WHATWG URL
    // path state), so the answer is another route's, e.g. GET /v1/connections/../events is
    // GET /v1/events (405): it must still keep every promise but this operation's statuses.
    const climbed = /\/\.\.(\/|\?|$)/.test(r.url)
    const broken = check(o, a).filter((b) => !(climbed && b === `${a.status} is not documented`))
    if (a.status >= 400 && a.status < 500) {
      const tables = changed(before, await fingerprint.take())
      if (tables.length) broken.push(`${a.status} stored something in ${tables.join(', ')}`)
    } else if (a.status < 300 && a.contentType?.includes('json')) {
      harvest(tenant.pools, r.url, JSON.parse(a.text))
    }
    const seen = stats.get(o.name) ?? new Map<number, number>()
    stats.set(o.name, seen.set(a.status, (seen.get(a.status) ?? 0) + 1))
    for (const b of broken) {
      const key = b.slice(0, 120)
      if (!failures.has(key))
        failures.set(key, `${b}\n    ← ${show(r)}\n    → ${a.text.slice(0, 300)}`)
    }
  }
}

describe('every operation in /openapi.json keeps its contract for generated requests', () => {
  it('the document lists operations to fuzz', () => {
    expect(ops.length).toBeGreaterThan(10)
  })

  for (const [index, o] of ops.entries()) {
    it(
      `${o.name}: no 5xx, documented statuses, problem+json 4xx storing nothing, valid 2xx bodies`,
      async () => {
        const failures = new Map<string, string>()
        for (let done = 0; done < RUNS; done += BATCH) {
          const tenant = await seedTenants(round++)
          await runBatch(
            o,
            tenant,
            Math.min(BATCH, RUNS - done),
            SEED + index * 10_007 + done,
            failures,
          )
        }
        expect([...failures.values()].join('\n\n'), `${failures.size} broken promises`).toBe('')
      },
      30_000 + RUNS * 400,
    )
  }

  afterAll(() => {
    const line = (m: Map<number, number>) =>
      [...m]
        .sort((x, y) => x[0] - y[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')
    const all = new Map<number, number>()
    for (const m of stats.values()) for (const [s, n] of m) all.set(s, (all.get(s) ?? 0) + n)
    const cases = [...all.values()].reduce((x, y) => x + y, 0)
    console.log(`fuzz: ${ops.length} operations, ${cases} cases, seed ${SEED}: ${line(all)}`)
    if (env.FUZZ_RUNS) for (const [name, m] of stats) console.log(`  ${name}: ${line(m)}`)
  })
})
