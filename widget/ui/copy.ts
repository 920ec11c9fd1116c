// The words on screen: the survey's own texts for this locale where it has them, else defaults.
// (schema/i18n's surveyCopy does the same but would pull every locale into this chunk.)
import type { Category, Locale } from '../../schema/constants'
import type { PublicSurvey } from '../lib/types'
import type { WidgetMessages } from '../locales'

export interface Copy {
  question: string
  lowLabel: string
  highLabel: string
  followUp: (c: Category) => string
  thankYou: string
}

export function copyOf(survey: PublicSurvey, m: WidgetMessages, locale: Locale): Copy {
  const own = survey.texts?.[locale] ?? {}
  return {
    question: own.question ?? m.question[survey.kind],
    lowLabel: own.lowLabel ?? m.lowLabel[survey.kind],
    highLabel: own.highLabel ?? m.highLabel[survey.kind],
    followUp: (c) => own.followUp?.[c] ?? m.followUp[c],
    thankYou: own.thankYou ?? m.thankYou,
  }
}

/** Only http(s) links are rendered: a javascript: URL in a config must never become a link. */
export const safeUrl = (url: string | null | undefined) => {
  try {
    return url && /^https?:$/.test(new URL(url).protocol) ? url : undefined
  } catch {
    return undefined
  }
}
