// The survey flows, run against the sources and the minified UI chunk.
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILDS, FakeWorker, host, pageView, radios, reset, survey, widget } from './helpers'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(reset)

describe.each(BUILDS)('the widget flow (%s)', (_, loadUi) => {
  it('sends an NPS score at once with a client UUID, then the reason, then thanks a promoter with both links', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test', touchpoint: 'purchase' })
    await kp.show({ ref: 'order-1', properties: { plan: 'pro' } })
    const w = await widget()
    expect(w.getByText('How likely are you to recommend us to a friend or colleague?')).toBeTruthy()
    const scale = radios(w)
    expect(scale.map((r) => r.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    expect(w.getByRole('radiogroup')).toBeTruthy()
    expect(scale[0].getAttribute('aria-label')).toBe('0 of 10, Not at all likely')
    expect(scale[10].getAttribute('aria-label')).toBe('10 of 10, Extremely likely')
    expect(scale[5].getAttribute('aria-label')).toBe('5 of 10')
    await waitFor(() => expect(worker.writes('/v1/public/impressions')).toHaveLength(1))
    expect(worker.writes('/v1/public/impressions')[0].body).toMatchObject({
      surveyId: 'srv_test',
      type: 'shown',
      touchpoint: 'purchase',
    })

    fireEvent.click(scale[9])
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    const post = worker.writes('/v1/public/responses')[0]
    expect(post.method).toBe('POST')
    expect(post.body).toMatchObject({
      surveyId: 'srv_test',
      score: 9,
      touchpoint: 'purchase',
      ref: 'order-1',
      properties: { plan: 'pro' },
      locale: 'en',
    })
    expect(post.body.id).toMatch(UUID)

    const box = (await w.findByRole('textbox')) as HTMLTextAreaElement
    expect(w.getByText('Great to hear! What do you like most about us?')).toBeTruthy()
    expect(w.queryByRole('checkbox')).toBeNull()
    await waitFor(() => expect(host()!.shadowRoot!.activeElement).toBe(box))
    fireEvent.input(box, { target: { value: '  Fast delivery  ' } })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))

    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    const patch = worker.writes('/v1/public/responses/')[0]
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: `/v1/public/responses/${post.body.id}`,
      body: { reason: 'Fast delivery' },
    })
    expect(await w.findByText('Thank you for your feedback!')).toBeTruthy()
    expect(w.getByRole('link', { name: 'Recommend us to a friend' }).getAttribute('href')).toBe(
      'https://example.com/refer',
    )
    expect(w.getByRole('link', { name: 'Write a public review' }).getAttribute('href')).toBe(
      'https://example.com/review',
    )
  })

  it.each([400, 403, 404, 409])(
    'shows an error, never thanks, when the worker refuses the answer for good (%s), and drops it',
    async (status) => {
      const worker = new FakeWorker(survey())
      const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
      await kp.show()
      const w = await widget()
      await waitFor(() => expect(worker.writes('/v1/public/impressions')).toHaveLength(1))
      worker.fail = status
      fireEvent.click(radios(w)[9])
      expect(await w.findByRole('alert')).toHaveProperty(
        'textContent',
        'Sorry, your answer could not be saved.',
      )
      expect(w.queryByText(/Thank you/)).toBeNull()
      expect(w.queryByRole('textbox')).toBeNull()
      expect(JSON.parse(localStorage.getItem('kp:q')!)).toEqual([])
    },
  )

  it('shows an error, never thanks, when the worker refuses the reason for good', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[3])
    const box = await w.findByPlaceholderText('Tell us in your own words (optional)')
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    worker.fail = 403
    fireEvent.input(box, { target: { value: 'Slow' } })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(await w.findByRole('alert')).toHaveProperty(
      'textContent',
      'Sorry, your answer could not be saved.',
    )
    expect(w.queryByText('Thank you for your feedback!')).toBeNull()
  })

  it('uses the id the server returns for the PATCH (a later answer for the same ref)', async () => {
    const worker = new FakeWorker(survey())
    const original = worker.fetch
    worker.fetch = async (input, init = {}) => {
      const res = await original(input, init)
      if (String(input).endsWith('/v1/public/responses')) {
        return new Response(
          JSON.stringify({ id: '11111111-1111-4111-8111-111111111111', category: 'passive' }),
          { status: 200 },
        )
      }
      return res
    }
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ customerId: 'cus_1', ref: 'order-1' })
    const w = await widget()
    fireEvent.click(radios(w)[7])
    fireEvent.input(await w.findByRole('textbox'), { target: { value: 'ok' } })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0].path).toBe(
      '/v1/public/responses/11111111-1111-4111-8111-111111111111',
    )
  })

  it('asks a passive what would make it better: no consent box, no referral link, the review link still offered', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[7])
    expect(await w.findByText('What would make you rate us higher?')).toBeTruthy()
    expect(w.queryByRole('checkbox')).toBeNull()
    fireEvent.click(w.getByRole('button', { name: 'Skip' }))
    expect(await w.findByText('Thank you for your feedback!')).toBeTruthy()
    expect(w.queryByRole('link', { name: 'Recommend us to a friend' })).toBeNull()
    expect(w.getByRole('link', { name: 'Write a public review' })).toBeTruthy()
    expect(worker.writes('/v1/public/responses/')).toHaveLength(0) // skipping sends no PATCH
  })

  it('lets a known detractor consent to be contacted, and sends the consent with the reason', async () => {
    const worker = new FakeWorker(survey({ referralUrl: null }))
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ email: 'ann@example.com' })
    const w = await widget()
    fireEvent.click(radios(w)[2])
    expect(
      await w.findByText('We are sorry to hear that. What went wrong, and what should we improve?'),
    ).toBeTruthy()
    // The answer carries the address already: no field asks for it again.
    expect(w.queryByLabelText('Your email address')).toBeNull()
    fireEvent.click(w.getByRole('checkbox', { name: 'You may contact me about my answer' }))
    fireEvent.input(w.getByRole('textbox'), { target: { value: 'Late parcel' } })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0].body).toEqual({
      editToken: worker.writes('/v1/public/responses')[0].body.editToken,
      reason: 'Late parcel',
      contactConsent: true,
    })
    expect(await w.findByRole('link', { name: 'Write a public review' })).toBeTruthy()
  })

  it('asks an anonymous detractor who consents for an email address, validated, and sends it with the consent', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[1])
    const mail = (await w.findByLabelText('Your email address')) as HTMLInputElement
    expect(mail.type).toBe('email')
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    const send = () => fireEvent.click(w.getByRole('button', { name: 'Send' }))

    // Consent with no address, or a wrong one: nothing is sent, the visitor stays on the step.
    fireEvent.click(w.getByRole('checkbox', { name: 'You may contact me about my answer' }))
    send()
    fireEvent.input(mail, { target: { value: 'ann@' } })
    send()
    await new Promise((r) => setTimeout(r, 50))
    expect(worker.writes('/v1/public/responses/')).toHaveLength(0)
    expect(w.queryByText('Thank you for your feedback!')).toBeNull()

    fireEvent.input(mail, { target: { value: ' ann@example.com ' } })
    send()
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0].body).toEqual({
      editToken: worker.writes('/v1/public/responses')[0].body.editToken,
      contactConsent: true,
      email: 'ann@example.com',
    })
    expect(await w.findByText('Thank you for your feedback!')).toBeTruthy()
  })

  it('sends no address without consent, and asks a reachable customer for none', async () => {
    const worker = new FakeWorker(survey())
    let kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    let w = await widget()
    fireEvent.click(radios(w)[1])
    fireEvent.input(await w.findByLabelText('Your email address'), {
      target: { value: 'ann@example.com' },
    })
    fireEvent.input(w.getByRole('textbox', { name: /sorry/ }), { target: { value: 'Slow' } })
    fireEvent.click(w.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(worker.writes('/v1/public/responses/')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses/')[0].body).not.toHaveProperty('email')

    reset()
    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ customerId: 'cus_1' })
    w = await widget()
    fireEvent.click(radios(w)[1])
    expect(await w.findByRole('checkbox')).toBeTruthy()
    expect(w.queryByLabelText('Your email address')).toBeNull()
  })

  it.each([
    [
      'ces',
      7,
      'Strongly disagree',
      'Strongly agree',
      [
        [6, 'Good to hear! What made it easy?'],
        [4, 'What could we do better?'],
        [1, 'We are sorry. What made it difficult?'],
      ],
    ],
    [
      'csat',
      5,
      'Very dissatisfied',
      'Very satisfied',
      [
        [5, 'Great to hear! What did you like most?'],
        [3, 'What could we do better?'],
        [2, 'We are sorry to hear that. What went wrong?'],
      ],
    ],
  ] as const)(
    'renders %s as a 1–%i scale with its own end labels and follow-ups',
    async (kind, max, low, high, followUps) => {
      for (const [score, text] of followUps) {
        reset()
        const worker = new FakeWorker(survey({ kind }))
        const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
        await kp.show()
        const w = await widget()
        const scale = radios(w)
        expect(scale).toHaveLength(max)
        expect(scale[0].textContent).toBe('1')
        expect(scale[0].getAttribute('aria-label')).toBe(`1 of ${max}, ${low}`)
        expect(scale[max - 1].getAttribute('aria-label')).toBe(`${max} of ${max}, ${high}`)
        fireEvent.click(scale[score - 1])
        expect(await w.findByText(text)).toBeTruthy()
        expect(!!w.queryByRole('checkbox')).toBe(score <= (kind === 'ces' ? 3 : 2))
        expect(worker.writes('/v1/public/responses')[0].body.score).toBe(score)
      }
    },
  )

  it('moves the choice with arrow keys without sending, and sends with Enter or Space', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    expect(radios(w).map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1])
    expect(radios(w).some((r) => r.getAttribute('aria-checked') === 'true')).toBe(false)
    const checked = () => radios(w).findIndex((r) => r.getAttribute('aria-checked') === 'true')
    const press = async (key: string, expected: number) => {
      fireEvent.keyDown(
        radios(w).find((r) => r.tabIndex === 0)!,
        { key },
      )
      await waitFor(() => expect(checked()).toBe(expected))
      // Roving tabindex: only the chosen option is in the tab order, and it has the focus.
      expect(radios(w).filter((r) => r.tabIndex === 0)).toEqual([radios(w)[expected]])
      expect(host()!.shadowRoot!.activeElement).toBe(radios(w)[expected])
    }
    radios(w)[0].focus()
    await press('ArrowRight', 1)
    await press('ArrowRight', 2)
    await press('ArrowDown', 3)
    await press('ArrowLeft', 2)
    await press('End', 10)
    await press('ArrowRight', 0) // wraps around
    await press('ArrowUp', 10)
    await press('Home', 0)
    await press('ArrowLeft', 10)
    expect(worker.writes('/v1/public/responses')).toHaveLength(0)
    fireEvent.keyDown(radios(w)[10], { key: 'Enter' })
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    expect(worker.writes('/v1/public/responses')[0].body.score).toBe(10)

    reset()
    const again = new FakeWorker(survey({ kind: 'csat' }))
    const kp2 = await pageView(again, loadUi, { surveyId: 'srv_test' })
    await kp2.show()
    const w2 = await widget()
    fireEvent.keyDown(radios(w2)[0], { key: 'ArrowRight' })
    await waitFor(() => expect(radios(w2)[1].getAttribute('aria-checked')).toBe('true'))
    fireEvent.keyDown(radios(w2)[1], { key: ' ' })
    await waitFor(() => expect(again.writes('/v1/public/responses')).toHaveLength(1))
    expect(again.writes('/v1/public/responses')[0].body.score).toBe(2)
  })

  it('closes with the close button or Escape, records the dismissal, returns focus and does not ask again', async () => {
    const worker = new FakeWorker(survey())
    const button = document.body.appendChild(document.createElement('button'))
    button.textContent = 'Page button'
    button.focus()
    let kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    let w = await widget()
    radios(w)[0].focus()
    fireEvent.keyDown(radios(w)[0], { key: 'Escape' })
    await waitFor(() => expect(host()).toBeNull())
    expect(document.activeElement).toBe(button)
    await waitFor(() =>
      expect(worker.writes('/v1/public/impressions').map((c) => c.body.type)).toEqual([
        'shown',
        'dismissed',
      ]),
    )
    const [shown, dismissed] = worker.writes('/v1/public/impressions')
    expect(dismissed.body.id).toBe(shown.body.id)
    expect(worker.writes('/v1/public/responses')).toHaveLength(0)

    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    await new Promise((r) => setTimeout(r, 50))
    expect(host()).toBeNull()
    button.remove()

    reset()
    const other = new FakeWorker(survey())
    kp = await pageView(other, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    w = await widget()
    fireEvent.click(w.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(host()).toBeNull())
    await waitFor(() =>
      expect(other.writes('/v1/public/impressions').map((c) => c.body.type)).toEqual([
        'shown',
        'dismissed',
      ]),
    )
  })

  it('does not count closing after an answer as a dismissal', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[10])
    await w.findByRole('textbox')
    fireEvent.click(w.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(host()).toBeNull())
    expect(worker.writes('/v1/public/impressions').map((c) => c.body.type)).toEqual(['shown'])
  })

  it('hide() removes the widget without recording a dismissal', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    await widget()
    kp.hide()
    expect(host()).toBeNull()
    await waitFor(() => expect(worker.writes('/v1/public/impressions')).toHaveLength(1))
    expect(worker.writes('/v1/public/impressions')[0].body.type).toBe('shown')
  })

  it('never renders a link that is not http(s)', async () => {
    const worker = new FakeWorker(
      survey({ referralUrl: 'javascript:alert(1)', reviewUrl: 'data:text/html,x' }),
    )
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[10])
    fireEvent.click(await w.findByRole('button', { name: 'Skip' }))
    await w.findByText('Thank you for your feedback!')
    expect(w.queryAllByRole('link')).toHaveLength(0)
  })
})
