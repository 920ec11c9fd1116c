// The terms of a reason: its words and two-word phrases, folded and without stopwords, counted
// at write time into the term rollups (schema/migrations/0009_insights.sql) that GET /v1/themes
// reads. Word boundaries come from Intl.Segmenter (ICU), so every locale of the widget works
// without a tokenizer of our own; Nordic compounds stay whole words ("kundeservice").
import { INSIGHTS, LOCALES, type Locale } from '../../schema/constants'
import STOPWORDS from './stopwords.json'

/** Lower case, compatibility-decomposed, marks removed: "Levéring" → "levering", "på" → "pa". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
}

const lists: Record<Locale, readonly string[]> = STOPWORDS
const cache = new Map<string, Set<string>>()

/**
 * The stopwords for a reason: its language's list and English (reasons mix in English words);
 * every list when the language is unknown, so that no stopword of any locale becomes a theme.
 */
export function stopwordsFor(locale: string | null | undefined): Set<string> {
  let lang = (locale ?? '').split('-')[0].toLowerCase()
  if (lang === 'no' || lang === 'nn') lang = 'nb'
  const known = (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : null
  const key = known ?? '*'
  let set = cache.get(key)
  if (!set) {
    const chosen = known ? [lists[known], lists.en] : Object.values(lists)
    set = new Set(chosen.flat().map(fold))
    cache.set(key, set)
  }
  return set
}

const segmenters = new Map<string, Intl.Segmenter>()
function segmenterFor(locale: string | null | undefined) {
  const lang = (locale ?? 'en').split('-')[0].toLowerCase() || 'en'
  let s = segmenters.get(lang)
  if (!s) {
    s = new Intl.Segmenter(Intl.Segmenter.supportedLocalesOf(lang)[0] ?? 'en', {
      granularity: 'word',
    })
    segmenters.set(lang, s)
  }
  return s
}

const LETTER = /\p{L}/u

/**
 * Unique terms of a reason in order of appearance, at most INSIGHTS.termsPerAnswer: every word
 * that is not a stopword (≥ 2 characters, with a letter) and every pair of such words that stand
 * next to each other with only spaces between them (a stopword, a number or punctuation breaks
 * a phrase: "delivery was late" gives "delivery" and "late", not "delivery late").
 */
export function termsOf(reason: string | null | undefined, locale?: string | null): string[] {
  if (!reason) return []
  const stop = stopwordsFor(locale)
  const terms = new Set<string>()
  let previous: string | null = null
  for (const seg of segmenterFor(locale).segment(reason)) {
    if (terms.size >= INSIGHTS.termsPerAnswer) break
    if (!seg.isWordLike) {
      if (seg.segment.trim() !== '') previous = null
      continue
    }
    const word = fold(seg.segment)
    const chars = [...word].length
    if (chars < 2 || chars > INSIGHTS.termChars || !LETTER.test(word) || stop.has(word)) {
      previous = null
      continue
    }
    terms.add(word)
    if (previous !== null && terms.size < INSIGHTS.termsPerAnswer) terms.add(`${previous} ${word}`)
    previous = word
  }
  return [...terms]
}

/** The value of responses.terms: a JSON array, or null when the reason has no terms. */
export function termsColumn(reason: string | null | undefined, locale?: string | null) {
  const terms = termsOf(reason, locale)
  return terms.length ? JSON.stringify(terms) : null
}
