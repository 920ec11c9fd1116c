// Inbound help-desk calls are limited per connection and client address before any D1 read, on
// their own binding: a busy help desk solves more tickets a minute than a person answers surveys.
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/problem'
import { clientAddress } from './rate-limit'

export async function limitInbound(c: Context<AppEnv>, connectionId: string) {
  const { success } = await c.env.INBOUND_LIMITER.limit({ key: `inbound:${connectionId}:${clientAddress(c)}` })
  if (!success) {
    throw new ApiError(
      429,
      'rate_limited',
      'Too many calls from this address; try again in a minute.',
      undefined,
      {
        'retry-after': '60',
      },
    )
  }
}
