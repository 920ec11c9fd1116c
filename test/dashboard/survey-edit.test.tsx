import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { surveyPatch } from '../../dashboard/lib/survey-patch'
import SurveyEdit from '../../dashboard/pages/SurveyEdit'
import type { Survey } from '../../schema/survey'
import { fakeFetch, renderApp, SURVEY } from './helpers'

const LOADED: Survey = {
  ...SURVEY,
  texts: { en: { question: 'How likely?', followUp: { detractor: 'What went wrong?' } } },
  allowedOrigins: ['https://shop.example'],
  referralUrl: 'https://shop.example/refer',
}

const problem = (errors: { path: string; message: string }[]) =>
  new Response(
    JSON.stringify({
      type: 'https://kundepuls.dev/problems/validation_failed',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: 'The request has invalid fields.',
      errors,
    }),
    { status: 400, headers: { 'content-type': 'application/problem+json' } },
  )

const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } })

beforeEach(() => history.replaceState(null, '', `/app/surveys/${SURVEY.id}`))
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the diff the survey editor sends', () => {
  it('is empty for the same survey with its keys in another order', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        ...LOADED,
        texts: { en: { followUp: LOADED.texts.en.followUp, question: 'How likely?' } },
      }),
    )
    expect(surveyPatch(LOADED, reordered)).toEqual({})
  })

  it('holds only changed SurveyPatch fields, never id, kind or timestamps', () => {
    const next = { ...LOADED, kind: 'ces' as const, id: 'srv_other', sampleRate: 0.5 }
    expect(surveyPatch(LOADED, next)).toEqual({ sampleRate: 0.5 })
  })
})

describe('the survey editor', () => {
  it('saves nothing when nothing changed, and says so', async () => {
    const calls = fakeFetch({ [`GET /v1/surveys/${SURVEY.id}`]: LOADED })
    renderApp(<SurveyEdit id={SURVEY.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }))
    await screen.findByText('Nothing changed, so nothing was saved.')
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([])
  })

  it('sends only the changed fields, in API units: a percentage as a share, seconds as ms', async () => {
    const calls = fakeFetch({
      [`GET /v1/surveys/${SURVEY.id}`]: LOADED,
      [`PATCH /v1/surveys/${SURVEY.id}`]: (c: { body: unknown }) => ({
        ...LOADED,
        ...(c.body as object),
      }),
    })
    renderApp(<SurveyEdit id={SURVEY.id} />)
    await screen.findByLabelText('Name')
    expect((screen.getByLabelText('Share of visitors asked (%)') as HTMLInputElement).value).toBe(
      '100',
    )
    type('Name', 'After delivery')
    type('Share of visitors asked (%)', '25')
    await screen.findByText('Ask 25 % of visitors.')
    type('Delay before showing (seconds)', '2.5')
    type(/Allowed origins/, 'https://shop.example\nhttps://www.shop.example')
    type('Follow-up question for detractor', 'What should we fix?')
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Survey saved.')
    const patch = calls.find((c) => c.method === 'PATCH')!
    expect(patch.body).toEqual({
      name: 'After delivery',
      sampleRate: 0.25,
      trigger: { delayMs: 2500 },
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      texts: { en: { question: 'How likely?', followUp: { detractor: 'What should we fix?' } } },
    })
    // The next Save compares with what the server stored: nothing is sent twice.
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Nothing changed, so nothing was saved.')
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1)
  })

  it("shows each 4xx field error next to its field, switching to the language of a text's error", async () => {
    fakeFetch({
      [`GET /v1/surveys/${SURVEY.id}`]: LOADED,
      [`PATCH /v1/surveys/${SURVEY.id}`]: () =>
        problem([
          { path: 'allowedOrigins.1', message: 'must be an origin like https://shop.example' },
          { path: 'texts.da.thankYou', message: 'Too big' },
        ]),
    })
    renderApp(<SurveyEdit id={SURVEY.id} />)
    await screen.findByLabelText('Name')
    type(/Allowed origins/, 'https://shop.example\nshop.example/path')
    fireEvent.change(screen.getByLabelText('Language of the texts'), { target: { value: 'da' } })
    type('Thank-you message', 'Tak!')
    fireEvent.change(screen.getByLabelText('Language of the texts'), { target: { value: 'en' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText(/2 field\(s\) need a change/)
    const origins = screen.getByLabelText(/Allowed origins/)
    expect(origins.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(origins.getAttribute('aria-describedby')!)?.textContent).toBe(
      '#2: must be an origin like https://shop.example',
    )
    await waitFor(() =>
      expect((screen.getByLabelText('Language of the texts') as HTMLSelectElement).value).toBe(
        'da',
      ),
    )
    const thanks = screen.getByLabelText('Thank-you message')
    expect(document.getElementById(thanks.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Too big',
    )
    expect(screen.queryByText(/Something went wrong/)).toBeNull()
  })
})
