// Refuses large bodies before they are read: 413 problem+json.
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { LIMITS } from '../../schema/constants'
import type { AppEnv } from '../env'
import { problemResponse } from '../lib/problem'

// Typed with our Env: hono's `any` would erase the variables of the middleware after it.
export const limitBody = (maxSize: number = LIMITS.bodyBytes): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize,
    onError: () =>
      problemResponse(413, 'body_too_large', `The request body is larger than ${maxSize} bytes.`),
  })
