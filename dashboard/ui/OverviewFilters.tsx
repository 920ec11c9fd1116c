// A page's window, touchpoint and (on the overview) trend grouping, kept in the URL.
import type { ComponentChildren } from 'preact'
import { useI18n } from '../lib/i18n'
import type { Window } from '../lib/range'
import { navigate, useLocation, withQuery } from '../lib/router'

interface Props {
  window: Window
  /** The trend's grouping; pages without a trend leave it out. */
  group?: string
  touchpoint: string | undefined
  touchpoints: string[]
  /** A page's own filters, after the shared ones. */
  children?: ComponentChildren
}

export function OverviewFilters({ window: w, group, touchpoint, touchpoints, children }: Props) {
  const { t } = useI18n()
  const loc = useLocation()
  const set = (changes: Record<string, string | undefined>) =>
    navigate(loc.path + withQuery(loc.query, changes), { replace: true })
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('range')}</span>
        <select
          value={w.range}
          onChange={(e) => {
            const range = e.currentTarget.value
            set(
              range === 'custom'
                ? { range, from: w.from, to: w.to }
                : { range, from: undefined, to: undefined },
            )
          }}
        >
          <option value="30">{t('last30')}</option>
          <option value="90">{t('last90')}</option>
          <option value="365">{t('last365')}</option>
          <option value="custom">{t('custom')}</option>
        </select>
      </label>
      {w.range === 'custom' && (
        <>
          <label>
            <span>{t('from')}</span>
            <input
              type="date"
              value={w.from}
              max={w.to}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('to')}</span>
            <input
              type="date"
              value={w.to}
              min={w.from}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
          </label>
        </>
      )}
      <label>
        <span>{t('touchpoint')}</span>
        <select
          value={touchpoint ?? ''}
          onChange={(e) => set({ touchpoint: e.currentTarget.value })}
        >
          <option value="">{t('allTouchpoints')}</option>
          {[...new Set([...touchpoints, ...(touchpoint ? [touchpoint] : [])])].map((tp) => (
            <option value={tp}>{tp}</option>
          ))}
        </select>
      </label>
      {group !== undefined && (
        <label>
          <span>{t('groupBy')}</span>
          <select value={group} onChange={(e) => set({ group: e.currentTarget.value })}>
            <option value="day">{t('day')}</option>
            <option value="week">{t('week')}</option>
            <option value="month">{t('month')}</option>
          </select>
        </label>
      )}
      {children}
    </form>
  )
}
