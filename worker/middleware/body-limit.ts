// Refuses large bodies before they are read: 413 problem+json.
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { LIMITS } from '../../schema/constants'
import type { AppEnv } from '../env'
import { problemResponse } from '../lib/problem'

/** How much of a refused chunked body is read and dropped before it is cut off. */
const DRAIN_BYTES = 1024 * 1024

/**
 * Reads a refused body to its end (up to `max` bytes), then cancels what is left. Cancelling at
 * once is not enough: under `wrangler dev` the client's connection is then reset, and the dev
 * proxy's connection to the worker stays broken for the next request (checked in
 * test/browser/body-limit.test.ts); a body read to its end leaves both usable.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, max: number) {
  for (let read = 0; read <= max;) {
    const { done, value } = await reader.read()
    if (done) return
    read += value.length
  }
  await reader.cancel()
}

/**
 * Hono's bodyLimit with one change: a chunked body (no Content-Length) found too large is read
 * to its end (bounded) or cancelled, never left locked and half read. Left so, `wrangler dev`
 * reused the half-read connection and the next request with a body, from any client, got 503
 * "worker restarted mid-request" (issue 17.4; honojs/hono#4969 proposes cancelling upstream).
 * With Content-Length the body is refused unread, as Hono does: that case never broke.
 */
export const limitBody = (
  maxSize: number = LIMITS.bodyBytes,
  // The answer to a body too large: a 413 problem, or a page for the hosted survey's form.
  onTooLarge: (c: Context) => Response | Promise<Response> = () =>
    problemResponse('body_too_large', `The request body is larger than ${maxSize} bytes.`),
) => {
  // Typed with our Env: hono's `any` would erase the variables of the middleware after it.
  return createMiddleware<AppEnv>(async function limitBody(c, next) {
    const tooLarge = async () => onTooLarge(c)
    const body = c.req.raw.body
    if (!body) return next()
    const length = c.req.header('content-length')
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      return parseInt(length, 10) > maxSize ? tooLarge() : next()
    }
    const chunks: Uint8Array[] = []
    let size = 0
    const reader = body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxSize) {
        await drain(reader, DRAIN_BYTES)
        return tooLarge()
      }
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    chunks.reduce((at, chunk) => (whole.set(chunk, at), at + chunk.length), 0)
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  })
}
