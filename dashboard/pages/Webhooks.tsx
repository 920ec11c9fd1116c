// Webhooks and Slack alerts: the project's endpoints, a form to add one (Standard Webhooks or a
// Slack incoming webhook, the events, the negative answers only if wanted), a test delivery with
// its result, pause/resume, delete, and each endpoint's delivery log with its retry state.
import { useState } from 'preact/hooks'
import { CATEGORIES, WEBHOOK_EVENTS } from '../../schema/constants'
import type { z } from 'zod'
import type {
  Webhook,
  WebhookCreate,
  WebhookWithSecret,
  WebhookTestResult,
} from '../../schema/webhook'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { asError } from '../lib/errors'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { Confirm } from '../ui/Confirm'
import { Problem } from '../ui/Status'
import { Scroll } from '../ui/Scroll'

type TestResult = z.infer<typeof WebhookTestResult>
type Format = WebhookCreate['format']

const NEGATIVE = Object.values(CATEGORIES).map((c) => c[2])

export default function Webhooks() {
  const { t } = useI18n()
  const app = useApp()
  const list = useData('webhooks', () => call('GET /v1/webhooks'))
  const [created, setCreated] = useState<WebhookWithSecret>()
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('webhooksTitle')}</h1>
      <p class="muted">{t('webhooksIntro')}</p>
      {list.error && <Problem error={list.error} retry={list.reload} />}
      {list.data && list.data.data.length === 0 && <p>{t('webhooksNone')}</p>}
      {list.data?.data.map((w) => (
        <Endpoint key={w.id} webhook={w} reload={list.reload} />
      ))}
      {app.canWrite && (
        <NewEndpoint
          onCreated={(w) => {
            setCreated(w)
            list.reload()
          }}
        />
      )}
      {created?.secret && (
        <div class="warn" role="status">
          <p>{t('webhookSecretShown')}</p>
          <p>
            <code data-testid="webhook-secret">{created.secret}</code>
          </p>
        </div>
      )}
    </section>
  )
}

function NewEndpoint({ onCreated }: { onCreated: (w: WebhookWithSecret) => void }) {
  const { t } = useI18n()
  const [format, setFormat] = useState<Format>('slack')
  const [url, setUrl] = useState('')
  const [negativeOnly, setNegativeOnly] = useState(true)
  const [error, setError] = useState<Error>()
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    const body = {
      url: url.trim(),
      format,
      events: format === 'slack' ? ['response.created'] : [...WEBHOOK_EVENTS],
      ...(negativeOnly ? { filter: { categories: NEGATIVE } } : {}),
    } satisfies WebhookCreate
    try {
      onCreated(await call('POST /v1/webhooks', { body }))
      setUrl('')
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="new-webhook">
      <h2 id="new-webhook">{t('webhookAdd')}</h2>
      <label>
        <span>{t('webhookFormat')}</span>
        <select
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value === 'standard' ? 'standard' : 'slack')}
        >
          <option value="slack">{t('webhookSlack')}</option>
          <option value="standard">{t('webhookStandard')}</option>
        </select>
      </label>
      <label>
        <span>{format === 'slack' ? t('webhookSlackUrl') : t('webhookUrl')}</span>
        <input
          type="url"
          required
          maxLength={2000}
          placeholder={format === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://'}
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={negativeOnly}
          onChange={(e) => setNegativeOnly(e.currentTarget.checked)}
        />
        <span>{t('webhookNegativeOnly')}</span>
      </label>
      <p class="muted">
        {format === 'slack' ? t('webhookSlackEvents') : t('webhookStandardEvents')}
      </p>
      <button type="submit" class="primary">
        {t('webhookAdd')}
      </button>
      {error && <Problem error={error} />}
    </form>
  )
}

function Endpoint({ webhook: w, reload }: { webhook: Webhook; reload: () => void }) {
  const { t, lang } = useI18n()
  const app = useApp()
  const [test, setTest] = useState<TestResult>()
  const [error, setError] = useState<Error>()
  const [removing, setRemoving] = useState(false)
  const [open, setOpen] = useState(false)
  const act = async (f: () => Promise<unknown>) => {
    setError(undefined)
    try {
      await f()
    } catch (err) {
      setError(asError(err))
    }
  }
  const params = { id: w.id }
  return (
    <section class="card" aria-labelledby={`wh-${w.id}`}>
      <h2 id={`wh-${w.id}`} class="break">
        {w.format === 'slack' ? t('webhookSlack') : t('webhookStandard')}: {w.url}
      </h2>
      <p>
        {w.enabled ? (
          <span class="badge">{t('webhookEnabled')}</span>
        ) : (
          <span class="badge">
            {t('webhookDisabled')}
            {w.disabledReason ? `: ${w.disabledReason}` : ''}
          </span>
        )}{' '}
        <span class="muted">
          {w.events.join(', ')}
          {w.filter.categories ? ` · ${w.filter.categories.join(', ')}` : ''}
        </span>
      </p>
      {app.canWrite && (
        <p class="actions">
          <button
            type="button"
            onClick={() =>
              act(async () => setTest(await call('POST /v1/webhooks/{id}/test', { params })))
            }
          >
            {t('webhookTest')}
          </button>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                await call('PATCH /v1/webhooks/{id}', { params, body: { enabled: !w.enabled } })
                reload()
              })
            }
          >
            {w.enabled ? t('webhookPause') : t('webhookResume')}
          </button>
          <button type="button" class="danger" onClick={() => setRemoving(true)}>
            {t('webhookDelete')}
          </button>
        </p>
      )}
      {test && (
        <p role="status" class={test.delivered ? 'ok' : 'error'}>
          {test.delivered
            ? t('webhookTestOk', { status: String(test.statusCode ?? '') })
            : t('webhookTestFailed', { error: test.error ?? String(test.statusCode ?? '') })}
        </p>
      )}
      {error && <Problem error={error} />}
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('webhookDeliveries')}</summary>
        {open && <DeliveryLog id={w.id} />}
      </details>
      <p class="muted">
        {t('created')}: {dateTime(lang, w.createdAt)}
      </p>
      {removing && (
        <Confirm
          title={t('webhookDelete')}
          text={t('webhookDeleteConfirm', { url: w.url })}
          confirm={t('webhookDelete')}
          onConfirm={() =>
            act(async () => {
              await call('DELETE /v1/webhooks/{id}', { params })
              reload()
            })
          }
          onClose={() => setRemoving(false)}
        />
      )}
    </section>
  )
}

function DeliveryLog({ id }: { id: string }) {
  const { t, lang } = useI18n()
  const [status, setStatus] = useState('')
  const log = useData(`deliveries:${id}:${status}`, () =>
    call('GET /v1/webhooks/{id}/deliveries', {
      params: { id },
      query: { status: status || undefined, limit: 50 },
    }),
  )
  return (
    <div>
      <label>
        <span>{t('webhookStatus')}</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">{t('webhookAllStatuses')}</option>
          <option value="pending">{t('webhookPending')}</option>
          <option value="delivered">{t('webhookDelivered')}</option>
          <option value="failed">{t('webhookFailed')}</option>
        </select>
      </label>
      {log.error && <Problem error={log.error} retry={log.reload} />}
      {log.data && log.data.data.length === 0 && <p>{t('webhookNoDeliveries')}</p>}
      {log.data && log.data.data.length > 0 && (
        <Scroll label={t('webhookDeliveries')}>
          <table>
            <caption class="sr-only">{t('webhookDeliveries')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhookEvent')}</th>
                <th scope="col">{t('webhookStatus')}</th>
                <th scope="col">{t('webhookAttempts')}</th>
                <th scope="col">{t('webhookLast')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.data.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.event}
                    <br />
                    <code class="muted">{d.id}</code>
                  </th>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>
                    {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                    {d.nextAttemptAt && (
                      <span class="muted">
                        {' '}
                        {t('webhookNextAttempt', { at: dateTime(lang, d.nextAttemptAt) })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </div>
  )
}
