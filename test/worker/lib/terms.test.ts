import STOPWORDS_ISO from 'stopwords-iso/stopwords-iso.json'
import { describe, expect, it } from 'vitest'
import { INSIGHTS, LOCALES } from '../../../schema/constants'
import BUNDLED from '../../../worker/lib/stopwords.json'
import { fold, stopwordsFor, termsOf } from '../../../worker/lib/terms'

describe('the terms of a reason', () => {
  it('are its words and adjacent pairs, folded, without stopwords, in order', () => {
    expect(termsOf('Levering var forsinket, men pakken kom hel frem', 'da')).toEqual([
      'levering',
      'forsinket',
      'pakken',
      'hel',
      'frem',
      'hel frem',
    ])
    expect(termsOf('Fast delivery and friendly staff!', 'en')).toEqual([
      'fast',
      'delivery',
      'fast delivery',
      'friendly',
      'staff',
      'friendly staff',
    ])
  })

  it('never pair words across punctuation, stopwords or numbers', () => {
    expect(termsOf('Delivery. Late', 'en')).toEqual(['delivery', 'late'])
    expect(termsOf('delivery was late', 'en')).toEqual(['delivery', 'late'])
    expect(termsOf('parcel 3 days late', 'en')).toEqual(['parcel', 'days', 'late', 'days late'])
  })

  it('fold case and accents, so spellings meet', () => {
    expect(fold('Levéring ÅBEN Köln')).toBe('levering aben koln')
    expect(termsOf('LEVERANSEN försenad', 'sv')).toEqual(termsOf('leveransen forsenad', 'sv'))
  })

  it('leave out every stopword of the reason’s language and of English', () => {
    for (const locale of ['da', 'nb', 'sv', 'en'] as const) {
      const list = locale === 'nb' ? STOPWORDS_ISO.no : STOPWORDS_ISO[locale]
      const text = [...list, ...STOPWORDS_ISO.en.slice(0, 200)].join(' ')
      const words = termsOf(text, locale).flatMap((t) => t.split(' '))
      const stop = new Set([...list, ...STOPWORDS_ISO.en].map(fold))
      expect(words.filter((w) => stop.has(w))).toEqual([])
    }
  })

  it('use every locale’s stopwords when the language is unknown', () => {
    expect(termsOf('og und et levering', undefined)).toEqual(['levering'])
    expect(stopwordsFor('xx').size).toBeGreaterThan(stopwordsFor('da').size)
    expect(stopwordsFor('nb-NO')).toBe(stopwordsFor('no'))
  })

  it('are bounded per answer, however long the reason', () => {
    const words = Array.from(
      { length: 400 },
      (_, i) => `ord${String.fromCharCode(97 + (i % 26))}${i}`,
    )
    const terms = termsOf(words.join(' '), 'da')
    expect(terms).toHaveLength(INSIGHTS.termsPerAnswer)
    expect(new Set(terms).size).toBe(terms.length)
    expect(termsOf('x'.repeat(40) + ' parcel', 'en')).toEqual(['parcel'])
  })

  it('work in right-to-left scripts too', () => {
    const terms = termsOf('التوصيل متأخر جدا', 'ar')
    expect(terms.length).toBeGreaterThan(0)
    expect(termsOf('המשלוח איטי', 'he')).toEqual(['המשלוח', 'איטי', 'המשלוח איטי'])
  })
})

describe('the bundled stopword lists', () => {
  it('are stopwords-iso’s lists for the widget’s locales, and nothing else', () => {
    expect(Object.keys(BUNDLED).sort()).toEqual([...LOCALES].sort())
    for (const locale of LOCALES) {
      const source = locale === 'nb' ? 'no' : locale
      expect(BUNDLED[locale], locale).toEqual(STOPWORDS_ISO[source])
    }
  })
})
