// The default texts the widget shows, in one locale. They travel with the survey config
// (GET /v1/public/surveys/:id?locale=…), so showing a survey costs no request for its language.
// Zod-free; the widget only imports its type.
import type { Locale } from './constants'
import { MESSAGES, resolveLocale } from './i18n'

/** Only the keys the widget uses (the hosted page's texts stay on the server). */
export function widgetMessages(locale: Locale) {
  const m = MESSAGES[locale]
  return {
    question: m.question,
    lowLabel: m.lowLabel,
    highLabel: m.highLabel,
    followUp: m.followUp,
    scoreOf: m.scoreOf,
    reasonPlaceholder: m.reasonPlaceholder,
    send: m.send,
    skip: m.skip,
    close: m.close,
    saved: m.saved,
    thankYou: m.thankYou,
    contactConsent: m.contactConsent,
    contactEmail: m.contactEmail,
    referral: m.referral,
    review: m.review,
    offline: m.offline,
    refused: m.refused,
    surveyLabel: m.surveyLabel,
  }
}
export type WidgetMessages = ReturnType<typeof widgetMessages>

/** The config's `locale` query: BCP 47 tags, best first, comma separated; else English. */
export function widgetLocale(query: string | undefined) {
  const locale = resolveLocale(query?.split(',', 20) ?? [])
  return { locale, messages: widgetMessages(locale) }
}
