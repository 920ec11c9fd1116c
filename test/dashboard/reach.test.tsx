import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { I18n, translator } from '../../dashboard/lib/i18n'
import { ReachCard } from '../../dashboard/ui/Reach'

const show = (overall: Parameters<typeof ReachCard>[0]['overall'], lang: 'en' | 'da' = 'en') =>
  render(
    <I18n.Provider value={{ lang, t: translator(lang) }}>
      <ReachCard overall={overall} byTouchpoint={[]} />
    </I18n.Provider>,
  )

afterEach(cleanup)

describe('the response rate card', () => {
  it('gives the rate with what it is counted against', () => {
    show({ shown: 250, responseRate: 23.2, invited: 40, linkResponseRate: 55 })
    const card = screen.getByTestId('reach').textContent
    expect(card).toContain('23.2 % of 250 widget displays were answered')
    expect(card).toContain('55.0 % of 40 survey links were answered')
  })

  it('says there is nothing to count against instead of "– of 0"', () => {
    show({ shown: 0, responseRate: null, invited: 0, linkResponseRate: null }, 'da')
    const card = screen.getByTestId('reach').textContent
    expect(card).toContain('Ingen visninger af widgeten i perioden')
    expect(card).toContain('Ingen undersøgelseslinks sendt i perioden.')
    expect(card).not.toContain('af 0')
  })
})
