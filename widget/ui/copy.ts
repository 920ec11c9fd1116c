// The words on screen, and the links a config may carry.
import type { Locale } from '../../schema/constants'
import { surveyCopy, type SurveyCopy } from '../../schema/survey-copy'
import type { PublicSurvey } from '../lib/types'
import type { WidgetMessages } from '../../schema/widget-messages'

export type Copy = SurveyCopy

export const copyOf = (survey: PublicSurvey, m: WidgetMessages, locale: Locale): Copy =>
  surveyCopy(survey.kind, survey.texts, locale, m)

/** Only http(s) links are rendered: a javascript: URL in a config must never become a link. */
export const safeUrl = (url: string | null | undefined) => {
  try {
    return url && /^https?:$/.test(new URL(url).protocol) ? url : undefined
  } catch {
    return undefined
  }
}
