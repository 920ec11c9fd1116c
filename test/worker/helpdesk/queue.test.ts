// The whole path on the local queue of the Workers pool: a signed Zendesk call → job on the
// queue → the real consumer → the fake Zendesk (standing in for the network) gets one comment.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../webhooks/helpers'
import { fakeZendesk } from './fakes'
import { connect, eventsOf, inbound, zendeskBody, zendeskHeaders } from './helpers'

afterEach(() => vi.restoreAllMocks())

describe('through the local queue', () => {
  it('posts one public comment for a solved ticket, and 429 with Retry-After is honoured by the queue', async () => {
    const zd = fakeZendesk()
    vi.spyOn(globalThis, 'fetch').mockImplementation((i, init) => zd.fetch(String(i), init ?? {}))
    const { project, conn } = await connect('zendesk')
    zd.ticket({ id: 777 })
    zd.failNext(
      /^PUT /,
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '1' } }),
    )
    const body = zendeskBody(777)
    const res = await inbound(conn.id, body, zendeskHeaders(body))
    expect(res.json).toEqual({ status: 'scheduled' })
    await waitFor(
      async () => (await eventsOf(project.secretKey, conn.id)).some((e) => e.outcome === 'posted'),
      15_000,
    )
    expect(zd.comments.get(777)).toHaveLength(1)
    expect((await eventsOf(project.secretKey, conn.id)).map((e) => e.reason)).toEqual([
      'solved',
      'rate_limited',
      'replied',
    ])
  })
})
