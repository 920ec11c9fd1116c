// The audit log (/app/audit): who did what and when, newest first, filtered by who, what and
// when (the filters live in the URL), 100 entries a page, and the filtered log as CSV.
import { useState } from 'preact/hooks'
import { call, qs } from '../lib/api'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { Scroll } from '../ui/Scroll'
import { navigate, useLocation, withQuery } from '../lib/router'
import { useData } from '../lib/use-data'
import { Problem } from '../ui/Status'

const FILTERS = ['actor', 'action', 'from', 'to'] as const

/** A date input's day as the instant it starts (from) or the next day starts (to), UTC. */
const instant = (day: string, next: boolean) =>
  day ? new Date(Date.parse(`${day}T00:00:00Z`) + (next ? 86_400_000 : 0)).toISOString() : undefined

export default function Audit() {
  const { t, lang } = useI18n()
  const loc = useLocation()
  const value = (k: (typeof FILTERS)[number]) => loc.query.get(k) ?? ''
  const query = {
    actor: value('actor') || undefined,
    action: value('action') || undefined,
    from: instant(value('from'), false),
    to: instant(value('to'), true),
  }
  const [cursor, setCursor] = useState<string | null>(null)
  const page = useData(`audit:${JSON.stringify(query)}:${cursor ?? ''}`, () =>
    call('GET /v1/audit', { query: { ...query, limit: 100, cursor } }),
  )
  const [exportError, setExportError] = useState<Error>()
  const exportCsv = async () => {
    try {
      // The API answers CSV for Accept: text/csv; a download link cannot send that header.
      const res = await fetch('/v1/audit' + qs(query), {
        headers: { accept: 'text/csv' },
        credentials: 'same-origin',
      })
      if (!res.ok) throw new Error(`${res.status}`)
      const url = URL.createObjectURL(await res.blob())
      const a = document.createElement('a')
      a.href = url
      a.download = 'audit.csv'
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form)
    const next = Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '')]))
    setCursor(null)
    navigate(loc.path + withQuery(loc.query, next), { replace: true })
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('auditTitle')}</h1>
      <p class="muted">{t('auditIntro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault()
          submit(e.currentTarget)
        }}
      >
        <label>
          <span>{t('auditActor')}</span>
          <input name="actor" value={value('actor')} placeholder="key:full" />
        </label>
        <label>
          <span>{t('auditAction')}</span>
          <input name="action" value={value('action')} placeholder="PATCH /v1/surveys/:id" />
        </label>
        <label>
          <span>{t('auditFrom')}</span>
          <input name="from" type="date" value={value('from')} />
        </label>
        <label>
          <span>{t('auditTo')}</span>
          <input name="to" type="date" value={value('to')} />
        </label>
        <div class="actions">
          <button type="submit">{t('auditFilter')}</button>
          <button type="button" onClick={exportCsv}>
            {t('auditExport')}
          </button>
        </div>
      </form>
      {exportError && <Problem error={exportError} />}
      {page.error && <Problem error={page.error} retry={page.reload} />}
      {!page.data && !page.error && <p role="status">{t('loading')}</p>}
      {page.data &&
        (page.data.data.length === 0 ? (
          <p>{t('auditEmpty')}</p>
        ) : (
          <Scroll label={t('auditEntries')}>
            <table data-testid="audit-table">
              <caption class="sr-only">{t('auditTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auditWhen')}</th>
                  <th scope="col">{t('auditActor')}</th>
                  <th scope="col">{t('auditAction')}</th>
                  <th scope="col">{t('auditTarget')}</th>
                  <th scope="col">{t('auditOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.data.map((e) => (
                  <tr key={e.id}>
                    <td>{dateTime(lang, e.at)}</td>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.target ?? '–'}</td>
                    <td>{e.detail ? Object.values(e.detail).join(', ') : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        ))}
      {page.data?.nextCursor && (
        <button type="button" onClick={() => setCursor(page.data?.nextCursor ?? null)}>
          {t('loadMore')}
        </button>
      )}
    </section>
  )
}
