// The survey preview: the widget's real UI (widget/ui, the same code its UI chunk is built from)
// mounted with a context whose writes go nowhere, so a manager can click through the flow and
// nothing is recorded: no answer, no impression, no throttle mark. Nothing in widget/ changes.
import type { Locale } from '../../schema/constants'
import type { SurveyCreate } from '../../schema/survey'
import { widgetMessages } from '../../schema/widget-messages'
import type { MountContext, PublicSurvey } from '../../widget/lib/types'

/** The config the widget would get from GET /v1/public/surveys/:id?locale=…, from a draft. */
export const toPublicSurvey = (s: SurveyCreate, id: string, locale: Locale): PublicSurvey => ({
  id,
  kind: s.kind,
  texts: s.texts,
  throttleDays: s.throttleDays,
  sampleRate: s.sampleRate,
  referralUrl: s.referralUrl,
  reviewUrl: s.reviewUrl,
  trigger: s.trigger,
  requireSignedIdentity: false,
  locale,
  messages: widgetMessages(locale),
})

/** Shows the widget for this config in preview mode; resolves to a function that removes it. */
export async function showPreview(survey: PublicSurvey): Promise<() => void> {
  const { mount } = await import('../../widget/ui/index')
  const ctx: MountContext = {
    survey,
    options: { surveyId: survey.id, touchpoint: 'preview' },
    // Every write resolves as kept for later (undefined), never as refused (null, which shows the
    // "could not be saved" state): the UI goes on to its thanks and nothing leaves the page.
    send: async () => undefined,
    merge: () => false,
    contacted: () => {},
  }
  return mount(ctx)
}
