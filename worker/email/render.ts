// A survey email (or its reminder) in the person's language: subject, HTML, plain text and the
// RFC 8058 one-click unsubscribe headers. The question and labels are the survey's own texts
// where it has some in that locale, else the built-in defaults (schema/i18n.ts).
import { SCALES, type Locale } from '../../schema/constants'
import type { SendKind } from '../../schema/email'
import { EMAIL_MESSAGES } from '../../schema/email-messages'
import { format, isRtl, MESSAGES } from '../../schema/i18n'
import type { Survey } from '../../schema/survey'
import { surveyCopy } from '../../schema/survey-copy'
import { surveyEmailHtml } from './template'

export interface RenderInput {
  kind: SendKind
  locale: Locale
  survey: Pick<Survey, 'kind' | 'texts'>
  company: string
  /** The hosted survey page of this send's invitation; `?score=N` preselects N. */
  linkUrl: string
  /** https://…/u/TOKEN: the footer link and the List-Unsubscribe header. */
  unsubscribeUrl: string
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}

export function renderSurveyEmail(input: RenderInput): RenderedEmail {
  const { locale, survey, company } = input
  const m = EMAIL_MESSAGES[locale]
  const own = survey.texts[locale]
  const copy = surveyCopy(survey.kind, survey.texts, locale, MESSAGES[locale])
  const reminder = input.kind === 'reminder'
  const subject = format(reminder ? m.reminderSubject : (own?.emailSubject ?? m.subject), {
    company,
  })
  const intro = format(reminder ? m.reminderIntro : (own?.emailIntro ?? m.intro), { company })
  const scale = SCALES[survey.kind]
  const sep = input.linkUrl.includes('?') ? '&' : '?'
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
    const n = scale.min + i
    return { n, href: `${input.linkUrl}${sep}score=${n}` }
  })
  const why = format(m.why, { company })
  const html = surveyEmailHtml({
    lang: locale,
    dir: isRtl(locale) ? 'rtl' : 'ltr',
    subject,
    company,
    intro,
    question: copy.question,
    scores,
    lowLabel: copy.lowLabel,
    highLabel: copy.highLabel,
    hint: m.clickHint,
    why,
    unsubscribe: { label: m.unsubscribe, href: input.unsubscribeUrl },
  })
  const text = [
    intro,
    '',
    copy.question,
    `${scale.min} = ${copy.lowLabel}, ${scale.max} = ${copy.highLabel}`,
    '',
    ...scores.map((s) => `${s.n}: ${s.href}`),
    '',
    m.clickHint,
    '',
    '--',
    why,
    `${m.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n')
  return {
    subject,
    html,
    text,
    // RFC 8058 §3.1: one https URI in List-Unsubscribe, and List-Unsubscribe-Post with exactly
    // this value; the mailbox provider then POSTs it without the person leaving their inbox.
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}
