// Where along the journey loyalty drops: per touchpoint, the share of customers whose answer
// there was worse than at the touchpoint before (Wilson 95 % interval), and the steps between
// touchpoints by polarity. The whole project, or the survey chosen in the header.
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { int, num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { POLARITY_LABEL } from '../lib/polarity'
import { windowOf } from '../lib/range'
import { useLocation } from '../lib/router'
import { useData } from '../lib/use-data'
import { OverviewFilters } from '../ui/OverviewFilters'
import { Problem } from '../ui/Status'
import { Scroll } from '../ui/Scroll'

export default function Journeys() {
  const { t, lang } = useI18n()
  const { survey } = useApp()
  const loc = useLocation()
  const w = windowOf(loc.query)
  const query = { surveyId: survey?.id, from: w.from, to: w.to }
  const data = useData(JSON.stringify(query), () => call('GET /v1/journeys', { query }))
  const j = data.data
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">
        {t('navJourneys')}
        {survey ? `: ${survey.name}` : ''}
      </h1>
      <p class="muted">{t('journeysIntro')}</p>
      <OverviewFilters window={w} touchpoint={undefined} touchpoints={[]} />
      {data.error && <Problem error={data.error} retry={data.reload} />}
      {j && j.customers === 0 && <p>{t('journeysNone')}</p>}
      {j && j.customers > 0 && (
        <>
          <p>{t('journeysCustomers', { customers: int(lang, j.customers) })}</p>
          <h2>{t('journeysDrops')}</h2>
          <Scroll card label={t('journeysDrops')}>
            <table>
              <caption>{t('journeysDropsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('touchpoint')}</th>
                  <th scope="col">{t('journeysArrived')}</th>
                  <th scope="col">{t('journeysDropped')}</th>
                  <th scope="col">{t('journeysDropRate')}</th>
                </tr>
              </thead>
              <tbody>
                {j.touchpoints.map((tp) => (
                  <tr key={tp.touchpoint}>
                    <th scope="row">{tp.touchpoint}</th>
                    <td>{int(lang, tp.customers)}</td>
                    <td>{int(lang, tp.dropped)}</td>
                    <td>
                      {tp.dropRate === null ? '–' : `${num(lang, tp.dropRate)} %`}
                      {tp.ci95 && (
                        <span class="muted">
                          {' '}
                          ({num(lang, tp.ci95.low)}–{num(lang, tp.ci95.high)} %)
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <h2>{t('journeysSteps')}</h2>
          <Scroll card label={t('journeysSteps')}>
            <table>
              <caption>{t('journeysStepsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('journeysFrom')}</th>
                  <th scope="col">{t('journeysTo')}</th>
                  <th scope="col">{t('journeysCustomersCol')}</th>
                </tr>
              </thead>
              <tbody>
                {j.transitions.map((s) => (
                  <tr
                    key={`${s.fromTouchpoint}/${s.fromPolarity}/${s.toTouchpoint}/${s.toPolarity}`}
                  >
                    <td>
                      {s.fromTouchpoint}{' '}
                      <span class={`polarity-${s.fromPolarity}`}>
                        ({t(POLARITY_LABEL[s.fromPolarity])})
                      </span>
                    </td>
                    <td>
                      {s.toTouchpoint}{' '}
                      <span class={`polarity-${s.toPolarity}`}>
                        ({t(POLARITY_LABEL[s.toPolarity])})
                      </span>
                    </td>
                    <td>{int(lang, s.customers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
      {data.loading && <p role="status">{t('loading')}</p>}
    </section>
  )
}
