import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Metrics } from '../../schema/metrics'
import { I18n, translator } from '../../dashboard/lib/i18n'
import { Headline } from '../../dashboard/ui/Headline'

const nps = (over: Partial<Extract<Metrics, { kind: 'nps' }>> = {}): Metrics => ({
  kind: 'nps',
  surveyId: 'srv_1',
  from: null,
  to: null,
  touchpoint: null,
  groupBy: null,
  total: 200,
  promoters: 100,
  passives: 60,
  detractors: 40,
  nps: 30,
  marginOfError: 10.8,
  ci95: { low: 18.8, high: 40.3 },
  lowSample: false,
  distribution: [],
  shown: 0,
  responseRate: null,
  invited: 0,
  linkResponseRate: null,
  ...over,
})

const show = (m: Metrics, lang: 'en' | 'da' = 'en') =>
  render(
    <I18n.Provider value={{ lang, t: translator(lang) }}>
      <Headline metrics={m} />
    </I18n.Provider>,
  )

afterEach(cleanup)

describe('the headline figure', () => {
  it('shows NPS with one decimal, n, the margin of error and the 95 % interval', () => {
    show(nps())
    expect(screen.getByTestId('headline').textContent).toBe('30.0')
    const text = document.body.textContent ?? ''
    expect(text).toContain('200 answers')
    expect(text).toContain('± 10.8 points')
    expect(text).toContain('95 % interval 18.8 to 40.3')
    expect(screen.queryByRole('note')).toBeNull()
  })

  it('warns visibly when answers are few (lowSample)', () => {
    show(nps({ total: 12, promoters: 6, passives: 3, detractors: 3, nps: 25, lowSample: true }))
    expect(screen.getByRole('note').textContent).toContain('Few answers (12)')
  })

  it('speaks Danish from the same catalogue, with Danish decimals', () => {
    show(nps({ nps: -12.5 }), 'da')
    expect(screen.getByTestId('headline').textContent).toMatch(/^[-−]12,5$/)
    expect(document.body.textContent).toContain('200 svar')
  })

  it('shows the CES mean with two decimals and the easy share', () => {
    show({
      kind: 'ces',
      surveyId: 'srv_1',
      from: null,
      to: null,
      touchpoint: null,
      groupBy: null,
      total: 40,
      average: 5.25,
      easy: 30,
      neutral: 5,
      difficult: 5,
      easyShare: 75,
      distribution: [],
      shown: 0,
      responseRate: null,
      invited: 0,
      linkResponseRate: null,
    })
    expect(screen.getByTestId('headline').textContent).toBe('5.25')
    expect(document.body.textContent).toContain('75.0 % found it easy')
  })

  it('with one answer shows the interval first, holding its point, and never "± 0.0"', () => {
    // The API's answer for a single promoter: adjusted Wald leans toward 0 and leaves 100 out.
    show(
      nps({
        total: 1,
        promoters: 1,
        passives: 0,
        detractors: 0,
        nps: 100,
        marginOfError: 0,
        ci95: { low: -48.5, high: 98.5 },
        lowSample: true,
      }),
    )
    const interval = screen.getByTestId('headline-interval')
    expect(interval.textContent).toBe('95 % interval -48.5 to 100.0')
    expect(screen.getByTestId('headline').textContent).toBe('100.0')
    // The interval is read before the point.
    expect(
      interval.compareDocumentPosition(screen.getByTestId('headline')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()
    expect(document.body.textContent).not.toMatch(/±/)
    expect(document.body.textContent).toContain('1 answer')
    expect(document.body.textContent).not.toContain('1 answers')
    expect(screen.getByRole('note').textContent).toContain('Few answers (1)')
  })
})
