// Found without sight: a labelled region landmark, announced once and politely when it appears,
// never taking focus on its own, and giving focus back on close. Sources and minified build.
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILDS, FakeWorker, host, pageView, radios, reset, survey, widget } from './helpers'

afterEach(reset)

const live = () => host()!.shadowRoot!.querySelector('[aria-live=polite]')!

describe.each(BUILDS)('accessibility (%s)', (_, loadUi) => {
  it('is a region named "Feedback survey" that appears without taking focus and announces itself once, politely', async () => {
    const input = document.body.appendChild(document.createElement('input'))
    input.focus()
    const kp = await pageView(new FakeWorker(survey()), loadUi, { surveyId: 'srv_test' })
    await kp.show({ locale: 'da' })
    const w = await widget()
    const region = host()!.shadowRoot!.querySelector('.c')!
    expect(region.getAttribute('role')).toBe('region')
    expect(region.getAttribute('aria-label')).toBe('Spørgeskema')
    expect(region.hasAttribute('aria-modal')).toBe(false)
    // The live region is in place before its text, so the change is what gets announced.
    expect(live().textContent).toBe('')
    await waitFor(() =>
      expect(live().textContent).toBe(
        'Spørgeskema: Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?',
      ),
    )
    expect(document.activeElement).toBe(input)
    expect(host()!.shadowRoot!.activeElement).toBeNull()
    // Once: later steps do not announce the survey again.
    fireEvent.click(radios(w)[8])
    await w.findByRole('textbox')
    expect(live().textContent).toMatch(/^Spørgeskema: /)
    expect(host()!.shadowRoot!.querySelectorAll('[aria-live=polite]')).toHaveLength(1)
    input.remove()
  })

  it('gives focus back to where it was after the visitor closes it from the follow-up step', async () => {
    const button = document.body.appendChild(document.createElement('button'))
    button.textContent = 'Checkout'
    button.focus()
    const kp = await pageView(new FakeWorker(survey()), loadUi, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[10])
    const box = await w.findByRole('textbox')
    await waitFor(() => expect(host()!.shadowRoot!.activeElement).toBe(box))
    fireEvent.click(w.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(host()).toBeNull())
    expect(document.activeElement).toBe(button)
    button.remove()
  })
})
