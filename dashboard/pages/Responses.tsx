// Responses of one survey: filters for date, touchpoint, category and follow-up state (kept in
// the URL), "Load more" with the API's cursor, and "Export CSV" of the current filter.
import { useState } from 'preact/hooks'
import { CATEGORIES } from '../../schema/constants'
import { qs } from '../lib/api'
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import { usePagedResponses } from '../lib/paged'
import { navigate, useLocation, withQuery } from '../lib/router'
import { ResponsesTable } from '../ui/ResponsesTable'
import { NoSurvey, Problem } from '../ui/Status'

const FILTERS = ['from', 'to', 'touchpoint', 'category', 'followUp'] as const

export default function Responses() {
  const { t } = useI18n()
  const { survey } = useApp()
  const loc = useLocation()
  const filter = Object.fromEntries(FILTERS.map((f) => [f, loc.query.get(f) ?? undefined]))
  const list = usePagedResponses(survey ? { surveyId: survey.id, ...filter } : null)
  const [exportError, setExportError] = useState<Error>()
  if (!survey) return <NoSurvey />
  const set = (k: string, v: string) =>
    navigate(loc.path + withQuery(loc.query, { [k]: v }), { replace: true })
  const exportCsv = async () => {
    try {
      // The API streams CSV for Accept: text/csv; a download link cannot send that header.
      const res = await fetch('/v1/responses' + qs({ surveyId: survey.id, ...filter }), {
        headers: { accept: 'text/csv' },
        credentials: 'same-origin',
      })
      if (!res.ok) throw new Error(`${res.status}`)
      const url = URL.createObjectURL(await res.blob())
      const a = document.createElement('a')
      a.href = url
      a.download = `responses-${survey.id}.csv`
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('navResponses')}</h1>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('from')}</span>
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('to')}</span>
          <input
            type="date"
            value={filter.to ?? ''}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('touchpoint')}</span>
          <input
            type="text"
            maxLength={64}
            value={filter.touchpoint ?? ''}
            onChange={(e) => set('touchpoint', e.currentTarget.value.trim())}
          />
        </label>
        <label>
          <span>{t('category')}</span>
          <select
            value={filter.category ?? ''}
            onChange={(e) => set('category', e.currentTarget.value)}
          >
            <option value="">{t('allCategories')}</option>
            {CATEGORIES[survey.kind].map((c) => (
              <option value={c}>{t(c)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('followUp')}</span>
          <select
            value={filter.followUp ?? ''}
            onChange={(e) => set('followUp', e.currentTarget.value)}
          >
            <option value="">{t('anyFollowUp')}</option>
            <option value="open">{t('open')}</option>
            <option value="closed">{t('closed')}</option>
          </select>
        </label>
        <button type="button" onClick={exportCsv}>
          {t('exportCsv')}
        </button>
      </form>
      {exportError && <Problem error={exportError} />}
      {list.error && <Problem error={list.error} />}
      {!list.loading && list.rows.length === 0 ? (
        <p>{t('noResponses')}</p>
      ) : (
        <ResponsesTable
          rows={list.rows}
          caption={`${survey.name}: ${t('shown', { n: list.rows.length })}`}
        />
      )}
      {list.more && (
        <button type="button" onClick={list.loadMore} disabled={list.loading}>
          {t('loadMore')}
        </button>
      )}
      {list.loading && <p role="status">{t('loading')}</p>}
    </section>
  )
}
