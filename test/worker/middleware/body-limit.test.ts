// The body limit leaves no refused body half read: read to its end, or cancelled past a bound
// (issue 17.4; the effect on `wrangler dev` is pinned in test/browser/body-limit.test.ts).
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { limitBody } from '../../../worker/middleware/body-limit'

const app = new Hono().post('/', limitBody(1024), async (c) => c.text(await c.req.text()))

/** A chunked body of `chunks` pieces of 256 bytes that records how far it was read. */
function body(chunks: number) {
  const seen = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled++ === chunks) return controller.close()
      controller.enqueue(new Uint8Array(256).fill(97))
    },
    cancel() {
      seen.cancelled = true
    },
  })
  return { stream, seen }
}

const post = (stream: ReadableStream) =>
  app.request('/', {
    method: 'POST',
    body: stream,
    headers: { 'transfer-encoding': 'chunked' },
    duplex: 'half',
  } as RequestInit)

describe('limitBody on a chunked body', () => {
  it('passes a body within the limit on whole', async () => {
    const { stream } = body(4)
    const res = await post(stream)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('a'.repeat(1024))
  })

  it('refuses a larger body with 413 only after reading it to its end', async () => {
    const { stream, seen } = body(64)
    const res = await post(stream)
    expect(res.status).toBe(413)
    expect((await res.json<{ code: string }>()).code).toBe('body_too_large')
    expect(seen.pulled).toBe(65)
  })

  it('answers with the given page instead of the problem (the hosted survey form), after draining', async () => {
    const page = new Hono().post(
      '/',
      limitBody(1024, (c) => c.html('<p>Too large</p>', 413)),
    )
    const { stream, seen } = body(64)
    const res = await page.request('/', {
      method: 'POST',
      body: stream,
      headers: { 'transfer-encoding': 'chunked' },
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.text()).toBe('<p>Too large</p>')
    expect(seen.pulled).toBe(65)
  })

  it('cancels a body past the drain bound instead of reading it all', async () => {
    const { stream, seen } = body(10_000)
    expect((await post(stream)).status).toBe(413)
    expect(seen.cancelled).toBe(true)
    expect(seen.pulled).toBeLessThan(10_000)
  })
})
