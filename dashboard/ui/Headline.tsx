// The headline figure with its sample size and uncertainty, and a warning when answers are few.
import type { Metrics } from '../../schema/metrics'
import { LOW_SAMPLE } from '../../schema/scoring'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'

export function Headline({ metrics: m }: { metrics: Metrics }) {
  const { t, lang } = useI18n()
  const few = m.kind === 'nps' ? m.lowSample : m.total > 0 && m.total < LOW_SAMPLE
  return (
    <section class="card headline" aria-labelledby="headline-title">
      <h2 id="headline-title">
        {m.kind === 'nps'
          ? t('npsHeadline')
          : m.kind === 'ces'
            ? t('cesHeadline')
            : t('csatHeadline')}
      </h2>
      {m.total === 0 ? (
        <p>{t('noAnswers')}</p>
      ) : (
        <>
          <p class="figure" data-testid="headline">
            {m.kind === 'nps'
              ? num(lang, m.nps)
              : m.kind === 'ces'
                ? num(lang, m.average, 2)
                : `${num(lang, m.satisfiedShare)} %`}
          </p>
          <ul class="facts">
            <li>{t('answers', { n: m.total })}</li>
            {m.kind === 'nps' && m.marginOfError !== null && (
              <li>{t('margin', { m: num(lang, m.marginOfError) })}</li>
            )}
            {m.kind === 'nps' && m.ci95 && (
              <li>{t('ci95', { low: num(lang, m.ci95.low), high: num(lang, m.ci95.high) })}</li>
            )}
            {m.kind === 'ces' && <li>{t('easyShare', { p: num(lang, m.easyShare) })}</li>}
            {m.kind === 'csat' && <li>{t('averageOf', { a: num(lang, m.average, 2) })}</li>}
          </ul>
        </>
      )}
      {few && (
        <p class="warn" role="note">
          {t('fewAnswers', { n: m.total })}
        </p>
      )}
    </section>
  )
}
