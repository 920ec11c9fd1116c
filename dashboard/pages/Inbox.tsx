// Follow-up inbox for the whole project: negative answers of every survey that nobody has closed
// yet (newest first), filterable by survey; each card with reason, ticket ref, channel, consent
// and email, a note and "Mark as closed"; closed ones in a second tab.
import { useState } from 'preact/hooks'
import type { Response } from '../../schema/response'
import { polarityOf } from '../../schema/scoring'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { usePagedResponses } from '../lib/paged'
import { BASE, navigate, useLocation, withQuery } from '../lib/router'
import { Consent } from '../ui/Consent'
import { FollowUpControls } from '../ui/FollowUpControls'
import { NoSurvey, Problem } from '../ui/Status'

export default function Inbox() {
  const { t } = useI18n()
  const { surveys, reloadFollowUps } = useApp()
  const loc = useLocation()
  const closed = loc.query.get('tab') === 'closed'
  // Its own filter, not the header's survey: the inbox starts with every survey.
  const only = surveys.find((s) => s.id === loc.query.get('inSurvey'))
  const list = usePagedResponses(
    surveys.length
      ? {
          surveyId: only?.id,
          polarity: 'negative',
          followUp: closed ? 'closed' : 'pending',
        }
      : null,
  )
  const [status, setStatus] = useState('')
  if (!surveys.length) return <NoSurvey />
  const nameOf = (id: string) => surveys.find((s) => s.id === id)?.name ?? id
  const tab = (isClosed: boolean) =>
    BASE + '/inbox' + withQuery(loc.query, { tab: isClosed ? 'closed' : undefined })
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('inboxTitle')}</h1>
      <p class="muted">{t('inboxIntro')}</p>
      <div class="filters">
        <label>
          <span>{t('survey')}</span>
          <select
            value={only?.id ?? ''}
            onChange={(e) =>
              navigate('/inbox' + withQuery(loc.query, { inSurvey: e.currentTarget.value }))
            }
          >
            <option value="">{t('allSurveys')}</option>
            {surveys.map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
      </div>
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
      {!list.loading && list.rows.length === 0 && !list.more && (
        <p>{closed ? t('closedEmpty') : t('inboxEmpty')}</p>
      )}
      <ul class="inbox">
        {list.rows.map((r) => (
          <FollowUpCard
            key={r.id}
            answer={r}
            surveyName={nameOf(r.surveyId)}
            onChanged={(next) => {
              // A card leaves its tab when its state moves to the other one.
              list.update(r.id, (next.followUp === 'closed') !== closed ? null : next)
              reloadFollowUps()
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
  surveyName,
  onChanged,
}: {
  answer: Response
  surveyName: string
  onChanged: (r: Response) => void
}) {
  const { t, lang } = useI18n()
  return (
    <li class="card followup">
      <p class="meta">
        <span class={`score tone-${polarityOf(a.kind, a.score)}`}>{a.score}</span>
        <span>{t(a.category)}</span>
        <span>{surveyName}</span>
        <span>{dateTime(lang, a.answeredAt)}</span>
        {a.touchpoint && <span>{a.touchpoint}</span>}
        <span>
          {t('channel')}: {a.channel}
        </span>
        {a.ref && (
          <span>
            {t('ref')}: <code>{a.ref}</code>
          </span>
        )}
        {a.customerId && (
          <a href={`${BASE}/customers/${encodeURIComponent(a.customerId)}`}>
            {t('customer')}: {a.customerId}
          </a>
        )}
        <a href={`${BASE}/responses/${encodeURIComponent(a.id)}`}>{t('openAnswer')}</a>
      </p>
      <blockquote class="reason">{a.reason || '–'}</blockquote>
      <p class="consent">
        <Consent answer={a} />
      </p>
      <FollowUpControls answer={a} onChanged={onChanged} />
    </li>
  )
}
