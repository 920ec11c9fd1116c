// Small shared states: an error with a retry, and "no survey yet".
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'

export function Problem({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n()
  return (
    <div class="error" role="alert">
      <p>{t('error', { detail: error.message })}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  )
}

export function NoSurvey() {
  const { t } = useI18n()
  const { canWrite } = useApp()
  return (
    <section>
      <h1>{t('noSurveys')}</h1>
      {canWrite && (
        <p>
          <a class="button primary" href={`${BASE}/surveys/new`}>
            {t('createFirstSurvey')}
          </a>
        </p>
      )}
    </section>
  )
}
