// The project's surveys: list, and the way to a new one.
import { useApp } from '../lib/context'
import { day } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'

export default function Surveys() {
  const { t, lang } = useI18n()
  const { surveys, canWrite } = useApp()
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('surveysTitle')}</h1>
      {canWrite && (
        <p>
          <a class="button primary" href={`${BASE}/surveys/new`}>
            {t('newSurvey')}
          </a>
        </p>
      )}
      {surveys.length === 0 ? (
        <p>{t('noSurveys')}</p>
      ) : (
        <div class="scroll card">
          <table>
            <caption>{t('surveysTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('navOverview')}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={`${BASE}/surveys/${s.id}`}>{s.name}</a>
                  </th>
                  <td>{s.kind.toUpperCase()}</td>
                  <td>{day(lang, s.createdAt)}</td>
                  <td>
                    <a href={`${BASE}/overview?survey=${s.id}`}>
                      {t('navOverview')}
                      <span class="sr-only">: {s.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
