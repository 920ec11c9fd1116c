// Customers at risk: at least two negative answers in the window, each linking to their journey.
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'
import { useData } from '../lib/use-data'
import { Problem } from '../ui/Status'
import { POLARITY_LABEL } from '../lib/polarity'

const DAYS = 90

export default function Customers() {
  const { t, lang } = useI18n()
  const { survey } = useApp()
  const key = `at-risk:${survey?.id ?? ''}`
  const data = useData(key, () =>
    call('GET /v1/customers/at-risk', { query: { surveyId: survey?.id, days: DAYS } }),
  )
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('atRiskTitle')}</h1>
      <p class="muted">{t('atRiskIntro', { days: DAYS })}</p>
      {data.error && <Problem error={data.error} retry={data.reload} />}
      {data.data && data.data.data.length === 0 && <p>{t('noAtRisk')}</p>}
      {data.data && data.data.data.length > 0 && (
        <div class="scroll card">
          <table>
            <caption>{t('atRiskTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('negative')}</th>
                <th scope="col">{t('total')}</th>
                <th scope="col">{t('lastAnswer')}</th>
                <th scope="col">{t('reason')}</th>
                <th scope="col">{t('lastDrop')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.data.map((c) => (
                <tr key={c.customerId}>
                  <th scope="row">
                    <a href={`${BASE}/customers/${encodeURIComponent(c.customerId)}`}>
                      {c.customerId}
                    </a>
                  </th>
                  <td>{c.negative}</td>
                  <td>{c.total}</td>
                  <td>{dateTime(lang, c.lastAnswer.answeredAt)}</td>
                  <td class="reason-cell">{c.lastAnswer.reason ?? ''}</td>
                  <td>
                    {c.lastDrop
                      ? t('lastDropText', {
                          from: `${c.lastDrop.fromTouchpoint ?? '–'} (${t(POLARITY_LABEL[c.lastDrop.fromPolarity])})`,
                          to: `${c.lastDrop.toTouchpoint ?? '–'} (${t(POLARITY_LABEL[c.lastDrop.toPolarity])})`,
                        })
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.loading && <p role="status">{t('loading')}</p>}
    </section>
  )
}
