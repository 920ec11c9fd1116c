// One answer at its own URL, /app/responses/:id, where the Slack button and webhook links land:
// what was said (score, category, reason, touchpoint, channel, ref, properties, date), the
// follow-up controls, and the same customer's other answers across surveys.
import { Fragment } from 'preact'
import type { Response } from '../../schema/response'
import { polarityOf } from '../../schema/scoring'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'
import { useData } from '../lib/use-data'
import { Consent } from '../ui/Consent'
import { FollowUpControls } from '../ui/FollowUpControls'
import { FollowUpPanel } from '../ui/FollowUpPanel'
import { ResponsesTable } from '../ui/ResponsesTable'
import { Problem } from '../ui/Status'

export default function Answer({ id }: { id: string }) {
  const { t } = useI18n()
  const answer = useData(`answer:${id}`, () => call('GET /v1/responses/{id}', { params: { id } }))
  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={`${BASE}/inbox`}>← {t('navInbox')}</a>
      </p>
      <h1 id="page-title">{t('answerTitle')}</h1>
      {answer.error && <Problem error={answer.error} retry={answer.reload} />}
      {!answer.data && !answer.error && <p role="status">{t('loading')}</p>}
      {answer.data && <AnswerView answer={answer.data} onChanged={answer.reload} />}
    </section>
  )
}

function AnswerView({ answer: a, onChanged }: { answer: Response; onChanged: () => void }) {
  const { t, lang } = useI18n()
  const { surveys, reloadFollowUps } = useApp()
  const survey = surveys.find((s) => s.id === a.surveyId)
  const others = useData(a.customerId ? `answers-of:${a.customerId}` : null, () =>
    call('GET /v1/responses', { query: { customerId: a.customerId, limit: 50 } }),
  )
  const rest = (others.data?.data ?? []).filter((r) => r.id !== a.id)
  const negative = polarityOf(a.kind, a.score) === 'negative'
  const properties = Object.entries(a.properties)
  return (
    <>
      <div class="card">
        <p class="meta">
          <span class={`score tone-${polarityOf(a.kind, a.score)}`}>{a.score}</span>
          <span>{t(a.category)}</span>
          <span>{survey?.name ?? a.surveyId}</span>
          {negative && (
            <span class="badge">{a.followUp === 'closed' ? t('closed') : t('openTab')}</span>
          )}
        </p>
        <blockquote class="reason">{a.reason || '–'}</blockquote>
        <dl class="answer-facts">
          <dt>{t('date')}</dt>
          <dd>{dateTime(lang, a.answeredAt)}</dd>
          <dt>{t('touchpoint')}</dt>
          <dd>{a.touchpoint ?? t('none')}</dd>
          <dt>{t('channel')}</dt>
          <dd>{a.linkChannel ?? a.channel}</dd>
          <dt>{t('ref')}</dt>
          <dd>{a.ref ?? t('none')}</dd>
          <dt>{t('customer')}</dt>
          <dd>
            {a.customerId ? (
              <a href={`${BASE}/customers/${encodeURIComponent(a.customerId)}`}>{a.customerId}</a>
            ) : (
              t('none')
            )}
          </dd>
          <dt>{t('contact')}</dt>
          <dd>
            <Consent answer={a} />
          </dd>
          {properties.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </Fragment>
          ))}
        </dl>
        <h2>{t('followUp')}</h2>
        <FollowUpControls
          answer={a}
          onChanged={() => {
            onChanged()
            reloadFollowUps()
          }}
        />
        {negative && (
          <FollowUpPanel
            responseId={a.id}
            version={a.updatedAt}
            onChanged={() => {
              onChanged()
              reloadFollowUps()
            }}
          />
        )}
      </div>
      {a.customerId && (
        <>
          <h2>{t('otherAnswers')}</h2>
          {others.error && <Problem error={others.error} retry={others.reload} />}
          {others.data &&
            (rest.length ? (
              <ResponsesTable
                rows={rest}
                caption={t('otherAnswers')}
                surveyName={(s) => surveys.find((x) => x.id === s)?.name ?? s}
              />
            ) : (
              <p>{t('noOtherAnswers')}</p>
            ))}
        </>
      )}
    </>
  )
}
