// A visitor who tapped the wrong number takes it back: the follow-up step keeps the scale, and
// another score changes the same answer, proven by its edit token. Sources and minified build.
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILDS, FakeWorker, host, pageView, radios, reset, survey, widget } from './helpers'

const TOKEN = /^[A-Za-z0-9_-]{43}$/
const checked = (w: Awaited<ReturnType<typeof widget>>) =>
  radios(w)
    .filter((r) => r.getAttribute('aria-checked') === 'true')
    .map((r) => r.textContent)

afterEach(reset)

describe.each(BUILDS)('changing the score (%s)', (_, loadUi) => {
  it('keeps a compact scale with the sent score checked; another score PATCHes the same answer with its edit token and the prompt follows', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    let w = await widget()
    fireEvent.click(radios(w)[9])
    expect(await w.findByText('Great to hear! What do you like most about us?')).toBeTruthy()
    const [post] = worker.writes('/v1/public/responses')
    expect(post.body.editToken).toMatch(TOKEN)

    // The follow-up step: the same question names the compact scale, 9 is checked.
    w = await widget()
    const group = w.getByRole('radiogroup', {
      name: 'How likely are you to recommend us to a friend or colleague?',
    })
    expect(group.classList.contains('sc')).toBe(true)
    expect(checked(w)).toEqual(['9'])
    expect(w.queryByRole('checkbox')).toBeNull()

    fireEvent.click(radios(w)[3])
    expect(
      await w.findByText('We are sorry to hear that. What went wrong, and what should we improve?'),
    ).toBeTruthy()
    expect(checked(w)).toEqual(['3'])
    // A detractor now: the consent box appears.
    expect(w.getByRole('checkbox', { name: 'You may contact me about my answer' })).toBeTruthy()
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0]).toMatchObject({
      method: 'PATCH',
      path: `/v1/public/responses/${post.body.id}`,
      body: { editToken: post.body.editToken, score: 3 },
    })

    fireEvent.input(w.getByPlaceholderText('Tell us in your own words (optional)'), {
      target: { value: 'Wrong size' },
    })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(2))
    expect(worker.writes('/v1/public/responses/')[1].body).toEqual({
      editToken: post.body.editToken,
      reason: 'Wrong size',
    })
    // One answer: a single POST, never a second one.
    expect(worker.writes('/v1/public/responses').filter((c) => c.method === 'POST')).toHaveLength(1)
    // Thanks follows the new category: no referral link for a detractor.
    await w.findByText('Thank you for your feedback!')
    expect(w.queryByRole('link', { name: 'Recommend us to a friend' })).toBeNull()
  })

  it('moves only the focus with arrow keys on the follow-up scale; Enter changes the score; the same score sends nothing', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    fireEvent.click(radios(await widget())[7])
    const w = await widget()
    await w.findByText('What would make you rate us higher?')
    const scale = radios(w)
    expect(scale.filter((r) => r.tabIndex === 0)).toEqual([scale[7]])
    scale[7].focus()
    fireEvent.keyDown(scale[7], { key: 'ArrowRight' })
    await waitFor(() => expect(radios(w)[8].tabIndex).toBe(0))
    fireEvent.keyDown(radios(w)[8], { key: 'ArrowRight' })
    await waitFor(() => expect(radios(w)[9].tabIndex).toBe(0))
    expect(host()!.shadowRoot!.activeElement).toBe(radios(w)[9])
    expect(checked(w)).toEqual(['7']) // still the score that was sent
    expect(worker.writes('/v1/public/responses/')).toHaveLength(0)
    fireEvent.keyDown(radios(w)[9], { key: 'Enter' })
    expect(await w.findByText('Great to hear! What do you like most about us?')).toBeTruthy()
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0].body).toMatchObject({ score: 9 })
    fireEvent.click(radios(w)[9])
    await new Promise((r) => setTimeout(r, 30))
    expect(worker.writes('/v1/public/responses/')).toHaveLength(1)
  })

  it('folds a change made while the answer waits offline into that answer: one POST, the final score, the same token', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    await waitFor(() => expect(worker.writes('/v1/public/impressions')).toHaveLength(1))
    worker.fail = 'network'
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    fireEvent.click(radios(w)[10])
    await vi.advanceTimersByTimeAsync(0)
    const [queued] = JSON.parse(localStorage.getItem('kp:q')!)
    expect(queued.b).toMatchObject({ score: 10 })
    expect(queued.b.editToken).toMatch(TOKEN) // kept with the answer, for a later page view

    fireEvent.click(radios(w)[2])
    await vi.advanceTimersByTimeAsync(0)
    fireEvent.input(w.getByPlaceholderText('Tell us in your own words (optional)'), {
      target: { value: 'Broken' },
    })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await vi.advanceTimersByTimeAsync(0)
    const stored = JSON.parse(localStorage.getItem('kp:q')!)
    expect(stored).toHaveLength(1)
    expect(stored[0].b).toMatchObject({
      id: queued.b.id,
      editToken: queued.b.editToken,
      score: 2,
      reason: 'Broken',
    })

    worker.fail = null
    await vi.advanceTimersByTimeAsync(1100)
    const posts = worker.writes('/v1/public/responses')
    expect(posts.at(-1)!.body).toMatchObject({ id: queued.b.id, score: 2, reason: 'Broken' })
    expect(new Set(posts.map((p) => p.body.editToken))).toEqual(new Set([queued.b.editToken]))
    expect(worker.writes('/v1/public/responses/')).toHaveLength(0)
    expect(JSON.parse(localStorage.getItem('kp:q')!)).toEqual([])
  })

  it('gives every answer its own edit token', async () => {
    const tokens = new Set<string>()
    for (let i = 0; i < 3; i++) {
      reset()
      const worker = new FakeWorker(survey())
      const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
      await kp.show()
      fireEvent.click(radios(await widget())[5])
      await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
      tokens.add(worker.writes('/v1/public/responses')[0].body.editToken)
    }
    expect(tokens.size).toBe(3)
  })
})
