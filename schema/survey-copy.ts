// A survey's words in one locale: its own texts where it has some, else the default messages.
// Free of locale data (messages are passed in), so the widget can use it with one locale chunk.
import type { Category, Locale, SurveyKind } from './constants'
import type { Messages } from './i18n'
import type { SurveyTexts } from './survey'

export type CopyMessages = Pick<
  Messages,
  'question' | 'lowLabel' | 'highLabel' | 'followUp' | 'thankYou'
>

export interface SurveyCopy {
  question: string
  lowLabel: string
  highLabel: string
  followUp: (category: Category) => string
  thankYou: string
}

export function surveyCopy(
  kind: SurveyKind,
  texts: Record<string, SurveyTexts> | undefined,
  locale: Locale,
  m: CopyMessages,
): SurveyCopy {
  const own = texts?.[locale]
  return {
    question: own?.question ?? m.question[kind],
    lowLabel: own?.lowLabel ?? m.lowLabel[kind],
    highLabel: own?.highLabel ?? m.highLabel[kind],
    followUp: (category) => own?.followUp?.[category] ?? m.followUp[category],
    thankYou: own?.thankYou ?? m.thankYou,
  }
}
