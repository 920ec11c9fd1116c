// Follow-up inbox: negative answers nobody has closed yet (newest first), with reason, consent
// and email, a note and "Mark as closed"; closed ones in a second tab.
import { useState } from 'preact/hooks'
import { CATEGORIES } from '../../schema/constants'
import type { Response } from '../../schema/response'
import { api } from '../lib/api'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { usePagedResponses } from '../lib/paged'
import { BASE, useLocation, withQuery } from '../lib/router'
import { NoSurvey, Problem } from '../ui/Status'

export default function Inbox() {
  const { t } = useI18n()
  const { survey } = useApp()
  const loc = useLocation()
  const closed = loc.query.get('tab') === 'closed'
  const list = usePagedResponses(
    survey
      ? {
          surveyId: survey.id,
          category: CATEGORIES[survey.kind][2],
          followUp: closed ? 'closed' : undefined,
        }
      : null,
  )
  const [status, setStatus] = useState('')
  if (!survey) return <NoSurvey />
  // Open or unset: the API filters by one state, so "not closed" is read from every negative answer.
  const rows = closed ? list.rows : list.rows.filter((r) => r.followUp !== 'closed')
  const tab = (isClosed: boolean) =>
    BASE + '/inbox' + withQuery(loc.query, { tab: isClosed ? 'closed' : undefined })
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('inboxTitle')}</h1>
      <p class="muted">{t('inboxIntro')}</p>
      <nav class="tabs" aria-label={t('inboxTitle')}>
        <a href={tab(false)} aria-current={!closed ? 'page' : undefined}>
          {t('openTab')}
        </a>
        <a href={tab(true)} aria-current={closed ? 'page' : undefined}>
          {t('closedTab')}
        </a>
      </nav>
      <p role="status" class="status">
        {status}
      </p>
      {list.error && <Problem error={list.error} />}
      {!list.loading && rows.length === 0 && !list.more && (
        <p>{closed ? t('closedEmpty') : t('inboxEmpty')}</p>
      )}
      <ul class="inbox">
        {rows.map((r) => (
          <FollowUpCard
            key={r.id}
            answer={r}
            onChanged={(next) => {
              list.update(
                r.id,
                next.followUp === 'closed' && !closed
                  ? null
                  : next.followUp !== 'closed' && closed
                    ? null
                    : next,
              )
              setStatus(t('saved'))
            }}
          />
        ))}
      </ul>
      {list.more && (
        <button type="button" onClick={list.loadMore} disabled={list.loading}>
          {t('loadMore')}
        </button>
      )}
      {list.loading && <p role="status">{t('loading')}</p>}
    </section>
  )
}

function FollowUpCard({
  answer: a,
  onChanged,
}: {
  answer: Response
  onChanged: (r: Response) => void
}) {
  const { t, lang } = useI18n()
  const { canWrite } = useApp()
  const [note, setNote] = useState(a.note ?? '')
  const [error, setError] = useState<Error>()
  const save = async (patch: { followUp?: 'open' | 'closed'; note?: string | null }) => {
    try {
      onChanged(await api<Response>('PATCH', `/v1/responses/${a.id}`, patch))
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const noteId = `note-${a.id}`
  return (
    <li class="card followup">
      <p class="meta">
        <span class={`score tone-negative`}>{a.score}</span>
        <span>{t(a.category)}</span>
        <span>{dateTime(lang, a.answeredAt)}</span>
        {a.touchpoint && <span>{a.touchpoint}</span>}
        {a.customerId && (
          <a href={`${BASE}/customers/${encodeURIComponent(a.customerId)}`}>
            {t('customer')}: {a.customerId}
          </a>
        )}
      </p>
      <blockquote class="reason">{a.reason || '–'}</blockquote>
      <p class="consent">
        {a.contactConsent ? (
          <>
            {t('consented')}
            {a.email && (
              <>
                {': '}
                <a href={`mailto:${a.email}`}>{a.email}</a>
              </>
            )}
          </>
        ) : (
          t('notConsented')
        )}
      </p>
      {canWrite ? (
        <form onSubmit={(e) => (e.preventDefault(), save({ note: note.trim() || null }))}>
          <label for={noteId}>{t('note')}</label>
          <textarea
            id={noteId}
            value={note}
            maxLength={2000}
            rows={2}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="submit">{t('saveNote')}</button>
            {a.followUp === 'closed' ? (
              <button type="button" onClick={() => save({ followUp: 'open' })}>
                {t('reopen')}
              </button>
            ) : (
              <button
                type="button"
                class="primary"
                onClick={() => save({ followUp: 'closed', note: note.trim() || null })}
              >
                {t('markClosed')}
              </button>
            )}
          </div>
        </form>
      ) : (
        a.note && (
          <p>
            {t('note')}: {a.note}
          </p>
        )
      )}
      {error && <Problem error={error} />}
    </li>
  )
}
