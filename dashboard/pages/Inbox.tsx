// Follow-up inbox for the whole project: negative answers of every survey that nobody has closed
// yet (newest first), filterable by survey; each card with reason, ticket ref, channel, consent
// and email, a note and "Mark as closed"; closed ones in a second tab. The closed loop's views
// come first: mine (a person signed in as themselves), overdue, unassigned (GET /v1/follow-ups),
// under the project's follow-up figures.
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
import { LoopFigures } from '../ui/LoopFigures'
import { call } from '../lib/api'
import { useData } from '../lib/use-data'

export default function Inbox() {
  const { t } = useI18n()
  const { surveys, reloadFollowUps, session } = useApp()
  const loc = useLocation()
  const closed = loc.query.get('tab') === 'closed'
  const view = LOOP_VIEWS.find((v) => v === loc.query.get('view'))
  // Its own filter, not the header's survey: the inbox starts with every survey.
  const only = surveys.find((s) => s.id === loc.query.get('inSurvey'))
  const list = usePagedResponses(
    surveys.length && !view
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
    BASE +
    '/inbox' +
    withQuery(loc.query, { tab: isClosed ? 'closed' : undefined, view: undefined })
  const viewLink = (v: LoopView) =>
    BASE + '/inbox' + withQuery(loc.query, { view: v, tab: undefined })
  const signedInAsPerson = 'user' in session
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('inboxTitle')}</h1>
      <p class="muted">{t('inboxIntro')}</p>
      <LoopFigures />
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
        {LOOP_VIEWS.filter((v) => v !== 'mine' || signedInAsPerson).map((v) => (
          <a href={viewLink(v)} aria-current={view === v ? 'page' : undefined}>
            {t(VIEW_LABEL[v])}
          </a>
        ))}
        <a href={tab(false)} aria-current={!closed && !view ? 'page' : undefined}>
          {t('openTab')}
        </a>
        <a href={tab(true)} aria-current={closed ? 'page' : undefined}>
          {t('closedTab')}
        </a>
      </nav>
      <p role="status" class="status">
        {status}
      </p>
      {view ? (
        <LoopView view={view} surveyId={only?.id} nameOf={nameOf} />
      ) : (
        <>
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
        </>
      )}
    </section>
  )
}

const LOOP_VIEWS = ['mine', 'overdue', 'unassigned'] as const
type LoopView = (typeof LOOP_VIEWS)[number]
const VIEW_LABEL = {
  mine: 'viewMine',
  overdue: 'viewOverdue',
  unassigned: 'viewUnassigned',
} as const
const VIEW_QUERY = {
  mine: { owner: 'me' },
  overdue: { overdue: 'true' },
  unassigned: { owner: 'none', state: 'open' },
} as const

/** One of the closed loop's views: up to 100 follow-ups, newest first, each with its deadline. */
function LoopView({
  view,
  surveyId,
  nameOf,
}: {
  view: LoopView
  surveyId: string | undefined
  nameOf: (id: string) => string
}) {
  const { t, lang } = useI18n()
  const items = useData(`loop:${view}:${surveyId ?? ''}`, () =>
    call('GET /v1/follow-ups', { query: { ...VIEW_QUERY[view], surveyId, limit: 100 } }),
  )
  if (items.error) return <Problem error={items.error} retry={items.reload} />
  if (!items.data) return <p role="status">{t('loading')}</p>
  if (!items.data.data.length) return <p>{t('loopEmpty')}</p>
  return (
    <ul class="inbox">
      {items.data.data.map((f) => (
        <li class="card followup" key={f.responseId} data-testid="loop-item">
          <p class="meta">
            <span class={`score tone-${polarityOf(f.response.kind, f.response.score)}`}>
              {f.response.score}
            </span>
            <span>{t(f.response.category)}</span>
            <span>{nameOf(f.surveyId)}</span>
            <span>{t(`fu_${f.state}`)}</span>
            <span>{t('dueAt', { time: dateTime(lang, f.dueAt) })}</span>
            {f.overdue && <span class="badge warn">{t('overdueBadge')}</span>}
            <span>
              {t('owner')}: {f.ownerId ?? t('nobody')}
            </span>
            <a href={`${BASE}/responses/${encodeURIComponent(f.responseId)}`}>{t('openAnswer')}</a>
          </p>
          <blockquote class="reason">{f.response.reason || '–'}</blockquote>
        </li>
      ))}
    </ul>
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
