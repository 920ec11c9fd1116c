// The survey preview: the widget's real UI (widget/ui, the same code its UI chunk is built from)
// mounted with a context whose writes go nowhere, so a manager can click through the flow and
// nothing is recorded: no answer, no impression, no throttle mark. Nothing in widget/ changes.
import type { SurveyCreate } from '../../schema/survey'
import type { MountContext, PublicSurvey } from '../../widget/lib/types'

const nowhere = async () => null

export const toPublicSurvey = (s: SurveyCreate, id: string): PublicSurvey => ({
  id,
  kind: s.kind,
  texts: s.texts,
  throttleDays: s.throttleDays,
  sampleRate: s.sampleRate,
  referralUrl: s.referralUrl,
  reviewUrl: s.reviewUrl,
  trigger: s.trigger,
  requireSignedIdentity: false,
})

/** Shows the widget for this config in preview mode; resolves to a function that removes it. */
export async function showPreview(survey: PublicSurvey, locale: string): Promise<() => void> {
  const { mount } = await import('../../widget/ui/index')
  const ctx: MountContext = {
    survey,
    options: { surveyId: survey.id, locale, touchpoint: 'preview' },
    send: nowhere,
    amend: nowhere,
    contacted: () => {},
  }
  return mount(ctx)
}
