import { describe, expect, it } from 'vitest'
import { ALL_CATEGORIES, LOCALES, SURVEY_KINDS } from '../../schema/constants'
import { MESSAGES, format, resolveLocale } from '../../schema/i18n'
import { surveyCopy } from '../../schema/survey-copy'

describe('default texts', () => {
  it('exist and are non-empty for every locale, kind and category', () => {
    for (const locale of LOCALES) {
      const m = MESSAGES[locale]
      for (const kind of SURVEY_KINDS) {
        for (const key of ['question', 'lowLabel', 'highLabel'] as const)
          expect(m[key][kind].trim()).not.toBe('')
      }
      for (const c of ALL_CATEGORIES) expect(m.followUp[c].trim(), `${locale} ${c}`).not.toBe('')
      for (const [key, value] of Object.entries(m)) {
        if (typeof value === 'string') expect(value.trim(), `${locale}.${key}`).not.toBe('')
      }
      expect(format(m.scoreOf, { n: 7, max: 10 }).startsWith('7')).toBe(true)
    }
  })

  it('are translated, not copies of English', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      expect(MESSAGES[locale].question.nps).not.toBe(MESSAGES.en.question.nps)
    }
  })
})

describe('resolveLocale', () => {
  it('takes the first supported candidate by its primary subtag', () => {
    expect(resolveLocale([undefined, 'pt-BR', 'de-AT', 'fr'])).toBe('de')
    expect(resolveLocale(['NB_no'])).toBe('nb')
  })

  it('maps Norwegian and old Hebrew codes, and falls back to English', () => {
    expect(resolveLocale(['no'])).toBe('nb')
    expect(resolveLocale(['iw-IL'])).toBe('he')
    expect(resolveLocale(['xx', '', null])).toBe('en')
  })
})

describe('surveyCopy', () => {
  it("prefers the survey's own wording for the locale and falls back per field", () => {
    const copy = surveyCopy(
      'nps',
      { da: { question: 'Vil du anbefale Acme?', followUp: { detractor: 'Hvad gik galt?' } } },
      'da',
      MESSAGES.da,
    )
    expect(copy.question).toBe('Vil du anbefale Acme?')
    expect(copy.followUp('detractor')).toBe('Hvad gik galt?')
    expect(copy.followUp('promoter')).toBe(MESSAGES.da.followUp.promoter)
    expect(copy.lowLabel).toBe(MESSAGES.da.lowLabel.nps)
    expect(surveyCopy('nps', { da: { question: 'x' } }, 'de', MESSAGES.de).question).toBe(
      MESSAGES.de.question.nps,
    )
  })
})
