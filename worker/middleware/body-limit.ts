// Refuses large bodies before they are read: 413 problem+json.
import { bodyLimit } from 'hono/body-limit'
import { LIMITS } from '../../schema/constants'
import { problemResponse } from '../lib/problem'

export const limitBody = (maxSize: number = LIMITS.bodyBytes) =>
  bodyLimit({
    maxSize,
    onError: () =>
      problemResponse('body_too_large', `The request body is larger than ${maxSize} bytes.`),
  })
