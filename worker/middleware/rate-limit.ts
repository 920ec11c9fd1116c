// Limits before work: every public route counts the client address first, before any D1 read,
// through a Workers Rate Limiting binding (emulated in memory by wrangler dev and the tests).
// The address is a counter key only; it is never stored.
// https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import ipaddr from 'ipaddr.js'
import type { AppEnv, Env } from '../env'
import { ApiError } from '../lib/problem'

/** The bindings of Env that are rate limiters (wrangler.toml [[ratelimits]]). */
export type LimiterName = {
  [K in keyof Env]-?: NonNullable<Env[K]> extends RateLimit ? K : never
}[keyof Env]

/**
 * The counter key of an address. An IPv4-mapped address (::ffff:a.b.c.d, as a dual-stack socket
 * reports an IPv4 client) is that IPv4 address. An IPv6 client usually holds a whole /64 (SLAAC,
 * privacy addresses), so it counts as its /64: otherwise one host could rotate through 2^64 keys.
 */
export function addressKey(ip: string): string {
  if (!ip.includes(':') || !ipaddr.IPv6.isValid(ip)) return ip
  const addr = ipaddr.IPv6.parse(ip)
  if (addr.isIPv4MappedAddress()) return addr.toIPv4Address().toString()
  return `${addr.parts
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`
}

/** Cloudflare sets CF-Connecting-IP on every request it forwards (wrangler dev does too). */
export function clientAddress(c: Context): string {
  return addressKey(c.req.header('cf-connecting-ip') ?? 'local')
}

export interface RateLimitOptions {
  /** Which limiter: PUBLIC_READ_LIMITER (config, eligibility, link pages), PUBLIC_WRITE_LIMITER,
   * or INBOUND_LIMITER (help-desk calls). */
  binding: LimiterName
  /**
   * One counter per scope and address, so a page's config read does not eat its answer's budget.
   * A function scopes by the request (a help-desk connection counts on its own).
   */
  scope: string | ((c: Context<AppEnv>) => string)
}

const tooMany = () =>
  new ApiError(
    'rate_limited',
    'Too many requests from this address; try again in a minute.',
    undefined,
    { 'retry-after': '60' },
  )

/**
 * Counts one use of a key that is not the address (e.g. an account's email on sign-in), for
 * handlers that learn the key from the validated body; call it before any D1 read or hash.
 */
export async function limitKey(env: Env, binding: LimiterName, key: string) {
  const { success } = await env[binding].limit({ key })
  if (!success) throw tooMany()
}

/** Answers 429 problem+json (with Retry-After) once an address exceeds its budget for the scope. */
export function rateLimit({ binding, scope }: RateLimitOptions) {
  // Every limiter counts per 60 s (wrangler.toml), so a minute is always long enough to wait.
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const name = typeof scope === 'string' ? scope : scope(c)
    const { success } = await c.env[binding].limit({ key: `${name}:${clientAddress(c)}` })
    if (!success) throw tooMany()
    await next()
  })
}
