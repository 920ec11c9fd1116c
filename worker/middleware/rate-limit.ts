// Public writes are limited per survey and client address through the Workers Rate Limiting
// binding (emulated in memory by wrangler dev and the tests). The address is a counter key only.
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/problem'

export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header('cf-connecting-ip') ?? 'local'
}

/** Throws 429 when this client has written too often to this scope; the window is ≤ 60 s. */
export async function limitPublicWrite(c: Context<AppEnv>, scope: string) {
  const limiter = c.env.PUBLIC_WRITE_LIMITER
  if (!limiter) return
  const { success } = await limiter.limit({ key: `${scope}:${clientAddress(c)}` })
  if (!success) {
    throw new ApiError(
      429,
      'rate_limited',
      'Too many answers from this address; try again in a minute.',
      undefined,
      {
        'retry-after': '60',
      },
    )
  }
}
