// The closed loop's figures for the project: negative answers, the share contacted by the
// deadline, the median time to first contact, and the re-asks that came back better.
import { call } from '../lib/api'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { Problem } from './Status'

export function LoopFigures() {
  const { t } = useI18n()
  const stats = useData('follow-up-stats', () => call('GET /v1/follow-ups/stats', { query: {} }))
  if (stats.error) return <Problem error={stats.error} retry={stats.reload} />
  const p = stats.data?.project
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v} %`)
  return (
    <section class="card loop-figures" aria-labelledby="loop-figures">
      <h2 id="loop-figures">{t('loopFigures')}</h2>
      <dl class="answer-facts">
        <dt>{t('negativeAnswers')}</dt>
        <dd>{p?.negative ?? '–'}</dd>
        <dt>{t('contactedInTime')}</dt>
        <dd data-testid="contacted-in-time">{pct(p?.contactedInTimeShare)}</dd>
        <dt>{t('medianToContact')}</dt>
        <dd>
          {p?.medianHoursToContact == null
            ? '–'
            : t('hoursValue', { hours: p.medianHoursToContact })}
        </dd>
        <dt>{t('recoveryRate')}</dt>
        <dd>
          {pct(p?.recoveryRate)}
          {p &&
            p.reasked > 0 &&
            ` (${t('recoveryOf', { recovered: p.recovered, reasked: p.reasked })})`}
        </dd>
      </dl>
    </section>
  )
}
