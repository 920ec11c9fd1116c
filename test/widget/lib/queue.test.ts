// The retry queue on its own: order, and writes that follow an answer the worker stored under
// another id (a later answer for the same customer and ref keeps the earlier answer's id).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flush, send, setBase } from '../../../widget/lib/queue'

afterEach(() => {
  vi.unstubAllGlobals()
  localStorage.clear()
})

describe('queue', () => {
  it('sends a reason queued during its answer to the id the worker answered with', async () => {
    const paths: string[] = []
    let release!: () => void
    const answered = new Promise<void>((r) => (release = r))
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname
      paths.push(`${init.method} ${path}`)
      if (init.method === 'POST') {
        await answered // the answer is still on its way when the reason is queued
        return Response.json({ id: 'earlier-answer', category: 'detractor' }, { status: 200 })
      }
      return Response.json({ id: path.split('/').pop(), category: 'detractor' })
    })
    setBase('http://kundepuls.test')
    const post = send('/v1/public/responses', 'POST', { id: 'client-id', surveyId: 's', score: 3 })
    const patch = send('/v1/public/responses/client-id', 'PATCH', {
      editToken: 'a'.repeat(43),
      reason: 'Too slow',
    })
    release()
    expect(await post).toMatchObject({ id: 'earlier-answer' })
    expect(await patch).toMatchObject({ id: 'earlier-answer' })
    await flush()
    expect(paths).toEqual([
      'POST /v1/public/responses',
      'PATCH /v1/public/responses/earlier-answer',
    ])
    expect(JSON.parse(localStorage.getItem('kp:q') ?? '[]')).toEqual([])
  })
})
