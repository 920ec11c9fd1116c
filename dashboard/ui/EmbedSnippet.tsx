// The embed code for a survey, with a Copy button.
import { useState } from 'preact/hooks'
import { useI18n } from '../lib/i18n'

// ?survey= makes it the per-survey loader: the config comes with it (docs/widget.md).
export const snippetFor = (origin: string, surveyId: string) =>
  `<script src="${origin}/widget.js?survey=${surveyId}" data-survey="${surveyId}" data-touchpoint="purchase" async></script>`

export function EmbedSnippet({ surveyId }: { surveyId: string }) {
  const { t } = useI18n()
  const [copied, setCopied] = useState(false)
  const code = snippetFor(location.origin, surveyId)
  const copy = async () => {
    await navigator.clipboard.writeText(code)
    setCopied(true)
    setTimeout(() => setCopied(false), 3000)
  }
  return (
    <section class="card" aria-labelledby="embed-title">
      <h2 id="embed-title">{t('embed')}</h2>
      <p class="muted">{t('embedIntro')}</p>
      <pre class="snippet">
        <code>{code}</code>
      </pre>
      <button type="button" onClick={copy}>
        {t('copy')}
      </button>{' '}
      <span role="status">{copied ? t('copied') : ''}</span>
    </section>
  )
}
