// Response rate: widget answers per display and link answers per invitation, overall and per
// touchpoint (GET /v1/metrics figures, counted at write time). A rate without displays or
// invitations is "–", never 0 %.
import type { Metrics } from '../../schema/metrics'
import { int, num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { Scroll } from './Scroll'

type Reach = Pick<Metrics, 'shown' | 'responseRate' | 'invited' | 'linkResponseRate'>

interface Props {
  overall: Reach
  byTouchpoint: Metrics['series']
}

export function ReachCard({ overall, byTouchpoint }: Props) {
  const { t, lang } = useI18n()
  const rate = (r: number | null | undefined) =>
    r === null || r === undefined ? '–' : `${num(lang, r)} %`
  const rows = (byTouchpoint ?? []).filter((s) => (s.shown ?? 0) > 0 || (s.invited ?? 0) > 0)
  return (
    <section class="card" aria-labelledby="reach-title" data-testid="reach">
      <h2 id="reach-title">{t('reachTitle')}</h2>
      <p>
        {overall.shown > 0 ? (
          <>
            <strong>{rate(overall.responseRate)}</strong>{' '}
            {t('reachWidget', { shown: int(lang, overall.shown) })}
          </>
        ) : (
          t('reachNoDisplays')
        )}
      </p>
      <p>
        {overall.invited > 0 ? (
          <>
            <strong>{rate(overall.linkResponseRate)}</strong>{' '}
            {t('reachLinks', { invited: int(lang, overall.invited) })}
          </>
        ) : (
          t('reachNoLinks')
        )}
      </p>
      {rows.length > 0 && (
        <Scroll label={t('reachByTouchpoint')}>
          <table>
            <caption>{t('reachByTouchpoint')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('touchpoint')}</th>
                <th scope="col">{t('reachWidgetCol')}</th>
                <th scope="col">{t('reachLinksCol')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.key ?? ''}>
                  <th scope="row">{s.key ?? t('none')}</th>
                  <td>
                    {rate(s.responseRate)} <span class="muted">({int(lang, s.shown ?? 0)})</span>
                  </td>
                  <td>
                    {rate(s.linkResponseRate)}{' '}
                    <span class="muted">({int(lang, s.invited ?? 0)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  )
}
