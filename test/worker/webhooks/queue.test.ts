// The whole path on the local queue of the Workers pool: answer → trigger → relay → queue →
// consumer → receiver, with the network replaced by a recording stand-in.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { answer, setup } from '../helpers'
import { createHook, deliveriesOf, receiver, waitFor } from './helpers'

afterEach(() => vi.restoreAllMocks())

describe('delivery through the local queue', () => {
  it('delivers a detractor answer to a subscribed endpoint once, signed', async () => {
    const r = receiver()
    vi.spyOn(globalThis, 'fetch').mockImplementation((i, init) => r.fetch(String(i), init ?? {}))
    const { project, survey } = await setup()
    const hook = await createHook(project.secretKey, { filter: { categories: ['detractor'] } })
    const res = await answer(survey.id, {
      score: 2,
      reason: 'Late delivery',
      touchpoint: 'delivery',
    })
    expect(res.status).toBe(201)
    await waitFor(() => r.got.length > 0)
    await waitFor(async () => (await deliveriesOf(hook.id))[0]?.status === 'delivered')
    expect(r.got).toHaveLength(1)
    const body = new Webhook(hook.secret!).verify(r.got[0].body, r.got[0].headers)
    expect(body).toMatchObject({ type: 'response.created', data: { id: res.json.id, score: 2 } })
  })
})
