/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The survey as a help-desk reply. Help desks clean HTML before they store and email it, and
// their rules are not fully published: Zendesk and Help Scout drop unknown tags and most style
// attributes, Freshdesk strips attributes it considers unsafe. So the reply uses only what every
// one of them keeps and every mail client shows: <p>, <strong>, <a href> and text. The numbers
// are plain links; the help desk's own email template gives them its fonts and colours.
import { SCALES, type Locale } from '../../schema/constants'
import { MESSAGES } from '../../schema/i18n'
import type { Survey } from '../../schema/survey'
import { surveyCopy } from '../../schema/survey-copy'

/** Every tag and attribute the reply may contain (a test checks the output against it). */
export const REPLY_TAGS = ['p', 'strong', 'a'] as const
export const REPLY_ATTRIBUTES = ['href'] as const

export function replyHtml(url: string, survey: Pick<Survey, 'kind' | 'texts'>, locale: Locale) {
  const scale = SCALES[survey.kind]
  const copy = surveyCopy(survey.kind, survey.texts, locale, MESSAGES[locale])
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i)
  const html = (
    <>
      <p>
        <strong>{copy.question}</strong>
      </p>
      <p>
        {scores.map((n, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={`${url}?score=${n}`}>
              <strong>{n}</strong>
            </a>
          </>
        ))}
      </p>
      <p>
        {scale.min} = {copy.lowLabel} · {scale.max} = {copy.highLabel}
      </p>
    </>
  )
  return String(html)
}
