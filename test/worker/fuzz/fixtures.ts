// What the fuzzer needs to reach past "not found": tenants seeded through the real API, and
// pools of known values (ids, tokens) that grow with every 2xx answer, so new routes are
// covered without a hand-written list.
import fc from 'fast-check'
import { ADMIN, uuid } from '../helpers'
import type { Credentials } from './requests'
import { seedCall } from './worker-fetch'

export type Pools = Map<string, string[]>

const POOL_CAP = 12

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const SHOP = 'https://shop.example'

function add(pools: Pools, key: string, value: unknown) {
  if (typeof value !== 'string' || !value) return
  const list = pools.get(key) ?? []
  if (!list.includes(value)) list.unshift(value)
  pools.set(key, list.slice(0, POOL_CAP))
}

/**
 * The pool an id-like field or path parameter draws from: `surveyId` and `/surveys/{id}` →
 * surveys, a body `id` → the collection it is posted to, `editToken` → editToken. Other names
 * have no pool.
 */
export function poolKey(name: string, path?: string): string | undefined {
  if (name === 'id' && path) {
    const before = path.split(/\/\{id\}/)[0].split('?')[0]
    return before
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .pop()
  }
  if (name.endsWith('Id') && name.length > 2) return `${name.slice(0, -2)}s`
  return /token$|cursor$/i.test(name) ? name : undefined
}

/** Remembers the ids, tokens and cursors a 2xx answer hands out (`nextCursor` → cursor). */
export function harvest(pools: Pools, path: string, body: unknown) {
  if (!isRecord(body)) return
  for (const [k, v] of Object.entries(body)) {
    const name = /^next[A-Z]/.test(k) ? k[4].toLowerCase() + k.slice(5) : k
    const key = poolKey(name, path)
    if (key) add(pools, key, v)
  }
}

export interface Tenant {
  pools: Pools
  creds: Credentials
}

/** Seeds through the API and fails loudly: a fuzz run on a broken seed proves nothing. */
async function seed(method: string, path: string, token: string | undefined, body: object) {
  const ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
  const res = await seedCall(method, path, token, body, { origin: SHOP, 'cf-connecting-ip': ip })
  if (res.status >= 300 || !isRecord(res.json))
    throw new Error(`seeding ${method} ${path} → ${res.status} ${JSON.stringify(res.json)}`)
  return res.json
}
const text = (v: unknown) => (typeof v === 'string' ? v : '')

interface Seeded {
  pools: Pools
  secretKey: string
  publishableKey: string
}

/** A project with a survey of every kind, answers of a known customer and a survey link. */
export async function seedTenant(tag: string): Promise<Seeded> {
  const pools: Pools = new Map()
  const project = await seed('POST', '/v1/projects', ADMIN, { name: `Fuzz ${tag}` })
  const sk = text(project.secretKey)
  harvest(pools, '/v1/projects', project)
  const surveys: string[] = []
  for (const body of [
    { kind: 'nps' },
    { kind: 'ces' },
    { kind: 'csat' },
    { kind: 'nps', allowedOrigins: [SHOP] },
  ]) {
    const survey = await seed('POST', '/v1/surveys', sk, { name: `Fuzz ${tag}`, ...body })
    harvest(pools, '/v1/surveys', survey)
    surveys.push(text(survey.id))
  }
  const customerId = `cus_${tag}`
  add(pools, 'customers', customerId)
  const answers = [
    {
      surveyId: surveys[0],
      score: 3,
      customerId,
      ref: `T-${tag}`,
      email: 'ann@example.com',
      reason: 'slow',
      properties: { plan: 'pro' },
    },
    { surveyId: surveys[1], score: 2, customerId, touchpoint: 'support' },
    { surveyId: surveys[2], score: 5 },
  ]
  for (const a of answers)
    harvest(
      pools,
      '/v1/public/responses',
      await seed('POST', '/v1/public/responses', undefined, { id: uuid(), ...a }),
    )
  const link = await seed('POST', '/v1/invitations', sk, {
    surveyId: surveys[0],
    ref: `L-${tag}`,
    customerId: `${customerId}_link`,
    email: 'ann@example.com',
  })
  add(pools, 'token', text(link.url).split('/').pop())
  return { pools, secretKey: sk, publishableKey: text(project.publishableKey) }
}

/** A tenant to fuzz, and another one whose ids and key must never work for it. */
export async function seedTenants(round: number): Promise<Tenant> {
  const mine = await seedTenant(`a${round}`)
  const other = await seedTenant(`b${round}`)
  for (const [key, values] of other.pools) add(mine.pools, `foreign:${key}`, values[0])
  return {
    pools: mine.pools,
    creds: {
      good: { secretKey: mine.secretKey, adminToken: ADMIN },
      bad: [
        other.secretKey,
        mine.publishableKey,
        `${mine.secretKey}x`,
        ADMIN,
        'sk_' + 'a'.repeat(40),
      ],
    },
  }
}

/**
 * What the document cannot say (a score depends on the survey's kind, an origin is a refined
 * string, tz accepts only UTC, a customerHash needs the secret): without these hints, valid
 * cases would rarely get past validation.
 */
const DOMAIN: Record<string, fc.Arbitrary<unknown>> = {
  score: fc.integer({ min: 0, max: 10 }),
  allowedOrigins: fc.constantFrom([], [SHOP], [SHOP, 'http://localhost:8080']),
  tz: fc.constant('UTC'),
  email: fc.constantFrom('ann@example.com', 'b.o+x@example.co.uk'),
  // A valid hash needs the identity secret: valid cases send none (near-valid ones send junk).
  customerHash: fc.constant(undefined),
}

/** Field-name hints: known values, with a chance of another tenant's, for the generator. */
export function hints(pools: Pools, path: string) {
  return (name: string): fc.Arbitrary<unknown> | undefined => {
    const known = DOMAIN[name]
    if (known) return known
    const key = poolKey(name, path)
    const own = key ? pools.get(key) : undefined
    if (!own?.length) return undefined
    const foreign = pools.get(`foreign:${key}`)
    return foreign?.length
      ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...own) }, fc.constantFrom(...foreign))
      : fc.constantFrom(...own)
  }
}
