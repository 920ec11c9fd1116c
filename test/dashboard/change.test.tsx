import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Metrics } from '../../schema/metrics'
import { I18n, translator } from '../../dashboard/lib/i18n'
import { Change } from '../../dashboard/ui/Change'

type Nps = Extract<Metrics, { kind: 'nps' }>
type Comparison = NonNullable<Nps['change']>

const nps = (change: Partial<Comparison> | undefined): Metrics => ({
  kind: 'nps',
  surveyId: 'srv_1',
  from: '2026-11-05',
  to: '2026-12-04',
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
  change: change && {
    delta: 5.1,
    ci95: { low: -3.2, high: 13.4 },
    pValue: 0.23,
    significant: false,
    lowSample: false,
    from: '2026-10-06',
    to: '2026-11-04',
    previous: {
      total: 180,
      promoters: 80,
      passives: 60,
      detractors: 40,
      nps: 22.2,
      marginOfError: 11,
      ci95: { low: 10, high: 33 },
      lowSample: false,
      distribution: [],
    },
    ...change,
  },
})

const show = (m: Metrics, lang: 'en' | 'da' = 'en') =>
  render(
    <I18n.Provider value={{ lang, t: translator(lang) }}>
      <Change metrics={m} days={30} />
    </I18n.Provider>,
  )

afterEach(cleanup)

describe('the change against the previous period', () => {
  it('calls a rise whose interval holds 0 noise, with its p-value, and gives it no green arrow', () => {
    show(nps({}))
    const line = screen.getByTestId('change')
    expect(line.textContent).toContain('+5.1 points against the previous 30 days')
    expect(line.textContent).toContain('not significant, p = 0.230')
    expect(line.textContent).toContain('95 % interval −3.2 to +13.4')
    expect(line.textContent).not.toContain('▲')
    expect(line.className).toContain('change-noise')
  })

  it('calls a rise whose interval excludes 0 real, with an up arrow', () => {
    show(nps({ delta: 12.4, ci95: { low: 3.1, high: 21.7 }, pValue: 0.009, significant: true }))
    const line = screen.getByTestId('change')
    expect(line.textContent).toContain('▲')
    expect(line.textContent).toContain('+12.4 points')
    expect(line.textContent).toContain('a real change (significant, p = 0.009')
    expect(line.className).toContain('change-up')
  })

  it('shows a real fall with a down arrow, in Danish too', () => {
    show(nps({ delta: -9, ci95: { low: -15, high: -3 }, pValue: 0.004, significant: true }), 'da')
    const line = screen.getByTestId('change')
    expect(line.textContent).toContain('▼')
    expect(line.textContent).toContain('−9,0 point i forhold til de foregående 30 dage')
    expect(line.className).toContain('change-down')
  })

  it('says so when the previous period has no answers, and shows nothing without a comparison', () => {
    show(nps({ delta: null, ci95: null, pValue: null }))
    expect(screen.getByTestId('change').textContent).toContain('No answers in the previous 30 days')
    cleanup()
    show(nps(undefined))
    expect(screen.queryByTestId('change')).toBeNull()
  })
})
