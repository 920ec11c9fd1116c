// The email as a person in one locale would get it, for the dashboard's preview: the survey's
// texts and the project's name, with links that lead nowhere real (a preview asks nobody).
import { resolveLocale } from '../../schema/i18n'
import type { EmailPreview } from '../../schema/email-sends'
import type { SendKind } from '../../schema/email'
import type { Ctx } from '../context'
import { findSurvey } from '../db/surveys'
import { renderSurveyEmail } from './render'

export async function previewEmail(
  ctx: Pick<Ctx, 'db' | 'projectId'>,
  q: { surveyId: string; locale?: string; kind: SendKind },
  origin: string,
): Promise<EmailPreview | undefined> {
  const [survey, project] = await Promise.all([
    findSurvey(ctx.db, ctx.projectId, q.surveyId),
    ctx.db
      .prepare('SELECT name FROM projects WHERE id = ?')
      .bind(ctx.projectId)
      .first<{ name: string }>(),
  ])
  if (!survey || !project) return undefined
  const locale = resolveLocale([q.locale])
  const mail = renderSurveyEmail({
    kind: q.kind,
    locale,
    survey,
    company: project.name,
    linkUrl: `${origin}/s/preview`,
    unsubscribeUrl: `${origin}/u/preview`,
  })
  return { subject: mail.subject, html: mail.html, text: mail.text, locale }
}
