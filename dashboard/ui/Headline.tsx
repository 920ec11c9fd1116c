// The headline figure with its sample size and uncertainty, and a warning when answers are few.
// With few answers (lowSample) the interval comes first and the point second: one answer can
// move it a lot. The Wald margin is left out then: at small n it reads "± 0.0" when all agree.
import type { Metrics } from '../../schema/metrics'
import { LOW_SAMPLE } from '../../schema/scoring'
import { intervalWithPoint } from '../lib/figures'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'

export function Headline({ metrics: m }: { metrics: Metrics }) {
  const { t, lang } = useI18n()
  const few = m.kind === 'nps' ? m.lowSample : m.total > 0 && m.total < LOW_SAMPLE
  const ci = m.kind === 'nps' ? intervalWithPoint(m.nps, m.ci95) : undefined
  const interval =
    ci && ci.low !== null && ci.high !== null
      ? t('ci95', { low: num(lang, ci.low), high: num(lang, ci.high) })
      : undefined
  const intervalFirst = m.kind === 'nps' && few && interval
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
          {intervalFirst && (
            <p class="figure figure-interval" data-testid="headline-interval">
              {interval}
            </p>
          )}
          <p class={intervalFirst ? 'figure-point' : 'figure'}>
            {intervalFirst && <span>{t('pointEstimate')} </span>}
            <span data-testid="headline">
              {m.kind === 'nps'
                ? num(lang, m.nps)
                : m.kind === 'ces'
                  ? num(lang, m.average, 2)
                  : `${num(lang, m.satisfiedShare)} %`}
            </span>
          </p>
          <ul class="facts">
            <li>{m.total === 1 ? t('oneAnswer') : t('answers', { n: m.total })}</li>
            {m.kind === 'nps' && !few && m.marginOfError !== null && m.marginOfError > 0 && (
              <li>{t('margin', { m: num(lang, m.marginOfError) })}</li>
            )}
            {m.kind === 'nps' && !intervalFirst && interval && <li>{interval}</li>}
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
