// Vite plugin: one small chunk per locale, so a visitor downloads only the texts of their language
// (all 11 in the UI chunk would cost ~7 KB gzip, more than the UI itself). The texts come from
// schema/i18n.ts, the one copy shared with the hosted survey page; only the keys the widget uses.
import type { Plugin } from 'vite'
import { LOCALES, type Locale } from '../schema/constants'
import { MESSAGES, type Messages } from '../schema/i18n'

export const WIDGET_KEYS = [
  'question',
  'lowLabel',
  'highLabel',
  'followUp',
  'scoreOf',
  'reasonPlaceholder',
  'send',
  'skip',
  'close',
  'saved',
  'thankYou',
  'contactConsent',
  'referral',
  'review',
  'offline',
  'surveyLabel',
] as const satisfies readonly (keyof Messages)[]
export type WidgetMessages = Pick<Messages, (typeof WIDGET_KEYS)[number]>

const ID = 'virtual:kp-locales'

export const widgetMessages = (locale: Locale): WidgetMessages =>
  Object.fromEntries(WIDGET_KEYS.map((k) => [k, MESSAGES[locale][k]])) as WidgetMessages

export function localesPlugin(): Plugin {
  return {
    name: 'kundepuls-locales',
    resolveId: (id) => (id === ID || id.startsWith(`${ID}/`) ? `\0${id}` : undefined),
    load(id) {
      if (id === `\0${ID}`) {
        return `export default {${LOCALES.map((l) => `${l}: () => import('${ID}/${l}')`).join(',')}}`
      }
      if (id.startsWith(`\0${ID}/`)) {
        const locale = id.slice(ID.length + 2) as Locale
        return `export default ${JSON.stringify(widgetMessages(locale))}`
      }
    },
  }
}
