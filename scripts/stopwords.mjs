// Writes worker/lib/stopwords.json: the stopword lists of stopwords-iso (pinned in package.json)
// for the widget's 11 locales only, so the worker bundles ~5,600 words instead of every language.
// Run after changing the stopwords-iso version or the locales: `node scripts/stopwords.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const all = JSON.parse(readFileSync(require.resolve('stopwords-iso/stopwords-iso.json'), 'utf8'))
// Norwegian Bokmål (nb) is filed under the macro-language code "no" in stopwords-iso.
const SOURCE = {
  en: 'en',
  da: 'da',
  nb: 'no',
  sv: 'sv',
  de: 'de',
  fr: 'fr',
  es: 'es',
  nl: 'nl',
  fi: 'fi',
  ar: 'ar',
  he: 'he',
}
const lists = Object.fromEntries(
  Object.entries(SOURCE).map(([locale, code]) => [locale, all[code]]),
)
writeFileSync(
  new URL('../worker/lib/stopwords.json', import.meta.url),
  JSON.stringify(lists) + '\n',
)
console.log(
  Object.entries(lists)
    .map(([l, w]) => `${l} ${w.length}`)
    .join(', '),
)
