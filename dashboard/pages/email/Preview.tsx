// The survey email as a person gets it (GET /v1/email/preview) in each of the 11 languages,
// light and dark side by side. Each is drawn in a sandboxed frame (no script runs); the frame's
// color-scheme sets the prefers-color-scheme its email sees (CSS Color Adjustment §2.3).
import { useState } from 'preact/hooks'
import { LOCALES, type Locale } from '../../../schema/constants'
import { call } from '../../lib/api'
import { useApp } from '../../lib/context'
import { useI18n } from '../../lib/i18n'
import { useData } from '../../lib/use-data'
import { Problem } from '../../ui/Status'

export default function Preview() {
  const { t } = useI18n()
  const app = useApp()
  const [surveyId, setSurveyId] = useState(app.survey?.id ?? app.surveys?.[0]?.id ?? '')
  const [locale, setLocale] = useState<Locale>('en')
  const [reminder, setReminder] = useState(false)
  const kind = reminder ? 'reminder' : 'survey'
  const shown = useData(surveyId ? `preview:${surveyId}:${locale}:${kind}` : null, () =>
    call('GET /v1/email/preview', { query: { surveyId, locale, kind } }),
  )
  return (
    <section class="card" aria-labelledby="email-preview-title">
      <h2 id="email-preview-title">{t('emailPreviewTitle')}</h2>
      <p class="muted">{t('emailPreviewIntro')}</p>
      <label>
        {t('emailPreviewSurvey')}{' '}
        <select
          value={surveyId}
          onChange={(e) => setSurveyId((e.target as HTMLSelectElement).value)}
        >
          {(app.surveys ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('emailPreviewLocale')}{' '}
        <select
          value={locale}
          onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        <input
          type="checkbox"
          checked={reminder}
          onChange={(e) => setReminder((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('emailPreviewReminder')}
      </label>
      {shown.error && <Problem error={shown.error} retry={shown.reload} />}
      {shown.data && (
        <>
          <p data-testid="email-subject">
            {t('emailPreviewSubject', { subject: shown.data.subject })}
          </p>
          <div class="email-previews" style="display:flex;flex-wrap:wrap;gap:1rem">
            {(['light', 'dark'] as const).map((scheme) => (
              <figure key={scheme} style="margin:0;flex:1 1 320px">
                <figcaption>
                  {t(scheme === 'light' ? 'emailPreviewLight' : 'emailPreviewDark')}
                </figcaption>
                <iframe
                  title={`${t('emailPreviewTitle')} (${t(scheme === 'light' ? 'emailPreviewLight' : 'emailPreviewDark')})`}
                  sandbox=""
                  srcdoc={shown.data!.html}
                  style={`width:100%;height:640px;border:1px solid #ccd;border-radius:8px;color-scheme:${scheme}`}
                />
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  )
}
