// Which language the dashboard speaks: the browser's languages pick (Danish, Norwegian and
// Swedish readers get Danish), a switch overrides and is remembered in this browser.
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { CATALOGUE, type Lang, type MessageKey } from './messages'

const STORE = 'kp-dashboard-lang'

export function initialLang(): Lang {
  const saved = localStorage.getItem(STORE)
  if (saved === 'en' || saved === 'da') return saved
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0]
    if (base === 'da' || base === 'nb' || base === 'no' || base === 'sv') return 'da'
    if (base === 'en') return 'en'
  }
  return 'en'
}

export const rememberLang = (l: Lang) => localStorage.setItem(STORE, l)

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string

export function translator(lang: Lang): T {
  const m = CATALOGUE[lang]
  return (key, vars) =>
    m[key].replace(/\{(\w+)\}/g, (_, v: string) => String(vars?.[v] ?? `{${v}}`))
}

export const I18n = createContext<{ lang: Lang; t: T }>({ lang: 'en', t: translator('en') })
export const useI18n = () => useContext(I18n)
