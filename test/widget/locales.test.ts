// Locale choice, survey overrides per locale, and the mirrored layout for RTL languages.
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILDS, FakeWorker, host, pageView, radios, reset, survey, widget } from './helpers'

afterEach(reset)

describe.each(BUILDS)('locales (%s)', (_, loadUi) => {
  it('takes the locale from show(), else <html lang>, else the browser', async () => {
    const worker = new FakeWorker(survey())
    let kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    document.documentElement.lang = 'de-AT'
    await kp.show({ locale: 'da' })
    let w = await widget()
    expect(
      w.getByText('Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?'),
    ).toBeTruthy()
    expect(radios(w)[0].getAttribute('aria-label')).toBe('0 af 10, Slet ikke sandsynligt')
    expect(w.getByRole('button', { name: 'Luk' })).toBeTruthy()
    kp.hide()

    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    w = await widget()
    expect(
      w.getByText('Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?'),
    ).toBeTruthy()
    kp.hide()

    document.documentElement.lang = ''
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['xx-YY', 'fi-FI', 'en'])
    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    w = await widget()
    expect(
      w.getByText('Kuinka todennäköisesti suosittelisit meitä ystävälle tai kollegalle?'),
    ).toBeTruthy()
    fireEvent.click(radios(w)[10])
    await waitFor(() => expect(worker.writes('/v1/public/responses')[0]?.body.locale).toBe('fi'))
  })

  it.each([
    ['en', 'Not at all likely'],
    ['da', 'Slet ikke sandsynligt'],
    ['nb', 'Svært lite sannsynlig'],
    ['sv', 'Inte alls troligt'],
    ['de', 'Sehr unwahrscheinlich'],
    ['fr', 'Pas du tout probable'],
    ['es', 'Nada probable'],
    ['nl', 'Zeer onwaarschijnlijk'],
    ['fi', 'Erittäin epätodennäköisesti'],
    ['ar', 'غير محتمل إطلاقًا'],
    ['he', 'בכלל לא סביר'],
  ])('speaks %s', async (locale, low) => {
    const kp = await pageView(new FakeWorker(survey()), loadUi, { surveyId: 'srv_test' })
    await kp.show({ locale })
    const w = await widget()
    expect(w.getByText(low)).toBeTruthy()
    expect(host()!.shadowRoot!.querySelector('.c')!.getAttribute('lang')).toBe(locale)
  })

  it("uses the survey's own texts for the visitor's locale and defaults for the rest", async () => {
    const texts = {
      de: {
        question: 'Würden Sie Kaffeehaus Nord empfehlen?',
        followUp: { promoter: 'Was gefällt Ihnen?' },
        thankYou: 'Danke sehr!',
      },
      en: { question: 'Would you recommend Nordic Coffee?' },
    }
    const worker = new FakeWorker(survey({ texts, referralUrl: null, reviewUrl: null }))
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test', locale: 'de' })
    await kp.show()
    const w = await widget()
    expect(w.getByText('Würden Sie Kaffeehaus Nord empfehlen?')).toBeTruthy()
    expect(w.getByText('Sehr wahrscheinlich')).toBeTruthy() // default label
    fireEvent.click(radios(w)[9])
    expect(await w.findByText('Was gefällt Ihnen?')).toBeTruthy()
    fireEvent.click(w.getByRole('button', { name: 'Überspringen' }))
    expect(await w.findByText('Danke sehr!')).toBeTruthy()
  })

  it('mirrors the scale and the layout for Arabic and Hebrew, arrow keys included', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ locale: 'he' })
    const w = await widget()
    const card = host()!.shadowRoot!.querySelector('.c')!
    expect(card.getAttribute('dir')).toBe('rtl')
    expect(host()!.dataset.side).toBe('left')
    expect(radios(w)[0].getAttribute('aria-label')).toBe('0 מתוך 10, בכלל לא סביר')
    radios(w)[0].focus()
    // In RTL the scale runs right to left: ArrowLeft moves to the next (higher) number.
    fireEvent.keyDown(radios(w)[0], { key: 'ArrowLeft' })
    await waitFor(() => expect(radios(w)[1].getAttribute('aria-checked')).toBe('true'))
    fireEvent.keyDown(radios(w)[1], { key: 'ArrowRight' })
    await waitFor(() => expect(radios(w)[0].getAttribute('aria-checked')).toBe('true'))
    kp.hide()

    const kp2 = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp2.show({ locale: 'sv' })
    await widget()
    expect(host()!.shadowRoot!.querySelector('.c')!.getAttribute('dir')).toBe('ltr')
    expect(host()!.dataset.side).toBeUndefined()
  })
})
