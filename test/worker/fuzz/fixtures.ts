// What the fuzzer needs to reach past "not found": tenants seeded through the real API, and
// pools of known values (ids, tokens) that grow with every 2xx answer, so new routes are
// covered without a hand-written list.
import fc from 'fast-check'
import { ADMIN, uuid } from '../helpers'
import type { Credentials } from './requests'
import { seedCall } from './worker-fetch'

export type Pools = Map<string, string[]>

const POOL_CAP = 12
const SHOP = 'https://shop.example'

function add(pools: Pools, key: string, value: unknown) {
  if (typeof value !== 'string' || !value) return
  const list = pools.get(key) ?? []
  if (!list.includes(value)) list.unshift(value)
  pools.set(key, list.slice(0, POOL_CAP))
}

/** The pool a field or path parameter draws from: `surveyId` and `/surveys/{id}` → surveys. */
export function poolKey(name: string, path?: string): string {
  if (name === 'id' && path) {
    const segment =
      path
        .split('/')
        .filter((s) => s && !s.startsWith('{'))
        .pop() ?? 'id'
    return segment
  }
  return name.endsWith('Id') && name.length > 2 ? `${name.slice(0, -2)}s` : name
}

/** Remembers the ids and tokens a 2xx answer hands out (its `id`, `xxxId`, `editToken` …). */
export function harvest(pools: Pools, path: string, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return
  for (const [k, v] of Object.entries(body)) {
    if (k === 'id') add(pools, poolKey('id', path.split('?')[0]), v)
    else if (k.endsWith('Id') || /token$/i.test(k)) add(pools, poolKey(k), v)
  }
}

export interface Tenant {
  pools: Pools
  creds: Credentials
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

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

/** Field-name hints: known values, with a chance of another tenant's, for the generator. */
export function hints(pools: Pools, path: string) {
  return (name: string): fc.Arbitrary<unknown> | undefined => {
    if (name === 'score') return fc.integer({ min: 0, max: 10 })
    const key = poolKey(name, path)
    const own = pools.get(key)
    if (!own?.length) return undefined
    const foreign = pools.get(`foreign:${key}`)
    return foreign?.length
      ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...own) }, fc.constantFrom(...foreign))
      : fc.constantFrom(...own)
  }
}
