// What a page may know of a survey to show it: the config route and the per-survey loader answer
// the same object (schema/survey.ts PublicSurvey).
import type { PublicSurvey } from '../../schema/survey'
import { widgetLocale } from '../../schema/widget-messages'
import type { SurveyForAnswer } from '../db/surveys'

/** The survey's public config, with the default texts of the first supported locale of
 * `localeQuery` (BCP 47 tags, best first, comma separated; else English). */
export function publicSurveyOf(target: SurveyForAnswer, localeQuery?: string): PublicSurvey {
  const { survey, requireSignedIdentity } = target
  return {
    id: survey.id,
    kind: survey.kind,
    texts: survey.texts,
    // The browser's own throttle keeps the cooldown too (schema/contact-window.ts).
    throttleDays: target.contactDays,
    sampleRate: survey.sampleRate,
    referralUrl: survey.referralUrl,
    reviewUrl: survey.reviewUrl,
    trigger: survey.trigger,
    requireSignedIdentity,
    // The default texts ride along: the widget shows the survey without a request for them.
    ...widgetLocale(localeQuery),
  }
}
