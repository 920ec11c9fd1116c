// Is the change real? The headline window against the previous window of the same length
// (GET /v1/metrics?compare=previous), in words a manager reads: an arrow and colour only when the
// 95 % interval of the difference excludes 0, "not significant, p = …" otherwise. Never a green
// arrow for noise.
import type { Metrics } from '../../schema/metrics'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import type { MessageKey } from '../lib/messages'

const UNIT = {
  nps: 'changeUnitPoints',
  ces: 'changeUnitPoints',
  csat: 'changeUnitPercentagePoints',
} as const satisfies Record<Metrics['kind'], MessageKey>

const signed = (lang: Parameters<typeof num>[0], v: number, digits: number) =>
  `${v > 0 ? '+' : v < 0 ? '−' : '±'}${num(lang, Math.abs(v), digits)}`

export function Change({ metrics: m, days }: { metrics: Metrics; days: number }) {
  const { t, lang } = useI18n()
  const c = m.change
  if (!c || m.total === 0) return null
  if (c.delta === null)
    return (
      <p class="card change muted" data-testid="change">
        {t('changeNoPrevious', { days })}
      </p>
    )
  const digits = m.kind === 'ces' ? 2 : 1
  const delta = signed(lang, c.delta, digits)
  const interval = c.ci95
    ? t('changeInterval', {
        low: signed(lang, c.ci95.low, digits),
        high: signed(lang, c.ci95.high, digits),
      })
    : ''
  const p = c.pValue === null ? '' : num(lang, c.pValue, c.pValue < 0.001 ? 4 : 3)
  const direction = c.delta > 0 ? 'up' : 'down'
  return (
    <p
      class={`card change ${c.significant ? `change-${direction}` : 'change-noise'}`}
      data-testid="change"
      data-significant={String(c.significant)}
    >
      <span aria-hidden="true" class="arrow">
        {c.significant ? (direction === 'up' ? '▲' : '▼') : '≈'}
      </span>{' '}
      {t(c.significant ? 'changeReal' : 'changeNoise', {
        delta,
        unit: t(UNIT[m.kind]),
        days,
        p,
        interval,
      })}
      {c.lowSample && <> {t('changeFew')}</>}
    </p>
  )
}
