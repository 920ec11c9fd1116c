// Help-desk connections: each desk with its survey, whether its inbound calls can be verified,
// the setup steps, and its events log (filter by outcome or ticket); a form to connect a desk
// (credentials per kind, sealed by the worker and never shown again).
import { useState } from 'preact/hooks'
import type { z } from 'zod'
import { CONNECTION_KINDS, HELPDESK_OUTCOMES } from '../../schema/constants'
import type {
  Connection,
  ConnectionCreate,
  ConnectionCreated,
  ConnectionDetail,
} from '../../schema/connection'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { asError } from '../lib/errors'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import type { MessageKey } from '../lib/messages'
import { useData } from '../lib/use-data'
import { Problem } from '../ui/Status'
import { Scroll } from '../ui/Scroll'

type Kind = Connection['kind']
type Detail = z.infer<typeof ConnectionDetail>

const KIND_LABEL = {
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  helpscout: 'Help Scout',
} as const satisfies Record<Kind, string>

/** The credential fields each desk asks for, in the order its admin page shows them. */
const FIELDS = {
  zendesk: [
    ['email', 'deskEmail'],
    ['apiToken', 'deskApiToken'],
  ],
  freshdesk: [['apiKey', 'deskApiKey']],
  helpscout: [
    ['appId', 'deskAppId'],
    ['appSecret', 'deskAppSecret'],
  ],
} as const satisfies Record<Kind, readonly (readonly [string, MessageKey])[]>

const BASE_URL_HINT = {
  zendesk: 'https://acme.zendesk.com',
  freshdesk: 'https://acme.freshdesk.com',
  helpscout: 'https://api.helpscout.net',
} as const satisfies Record<Kind, string>

export default function Connections() {
  const { t } = useI18n()
  const app = useApp()
  const list = useData('connections', () => call('GET /v1/connections'))
  const [created, setCreated] = useState<ConnectionCreated>()
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('desksTitle')}</h1>
      <p class="muted">{t('desksIntro')}</p>
      {list.error && <Problem error={list.error} retry={list.reload} />}
      {list.data && list.data.data.length === 0 && <p>{t('desksNone')}</p>}
      {list.data?.data.map((c) => (
        <Desk key={c.id} connection={c} />
      ))}
      {created && (
        <div class="warn" role="status">
          <p>{t('deskCreated', { kind: KIND_LABEL[created.kind] })}</p>
          {created.inboundSecret && (
            <p>
              {t('deskInboundSecret')}{' '}
              <code data-testid="inbound-secret">{created.inboundSecret}</code>
            </p>
          )}
          <Setup detail={created} />
        </div>
      )}
      {app.canWrite && app.surveys.length > 0 && (
        <NewDesk
          onCreated={(c) => {
            setCreated(c)
            list.reload()
          }}
        />
      )}
    </section>
  )
}

function Setup({ detail }: { detail: Detail }) {
  const { t } = useI18n()
  return (
    <>
      <p>
        {t('deskInboundUrl')} <code class="break">{detail.inboundUrl}</code>
      </p>
      <ol>
        {detail.setup.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      {detail.setup.triggerBody && (
        <pre class="snippet">
          <code>{detail.setup.triggerBody}</code>
        </pre>
      )}
    </>
  )
}

function NewDesk({ onCreated }: { onCreated: (c: ConnectionCreated) => void }) {
  const { t } = useI18n()
  const { surveys } = useApp()
  const [kind, setKind] = useState<Kind>('zendesk')
  const [surveyId, setSurveyId] = useState(surveys[0]?.id ?? '')
  const [baseUrl, setBaseUrl] = useState('')
  const [secrets, setSecrets] = useState<Record<string, string>>({})
  const [error, setError] = useState<Error>()
  const value = (k: string) => (secrets[k] ?? '').trim()
  const body = (): ConnectionCreate => {
    const common = { surveyId, baseUrl: baseUrl.trim() }
    if (kind === 'zendesk')
      return {
        kind,
        ...common,
        credentials: { email: value('email'), apiToken: value('apiToken') },
        ...(value('signingSecret') ? { signingSecret: value('signingSecret') } : {}),
      }
    if (kind === 'freshdesk') return { kind, ...common, credentials: { apiKey: value('apiKey') } }
    return {
      kind,
      ...common,
      credentials: { appId: value('appId'), appSecret: value('appSecret') },
    }
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    try {
      onCreated(await call('POST /v1/connections', { body: body() }))
      setSecrets({})
    } catch (err) {
      setError(asError(err))
    }
  }
  const field = (name: string, label: MessageKey, { email = false, required = true } = {}) => {
    const input = {
      required,
      autocomplete: 'off',
      maxLength: 500,
      value: secrets[name] ?? '',
      onInput: (e: Event) =>
        e.currentTarget instanceof HTMLInputElement &&
        setSecrets({ ...secrets, [name]: e.currentTarget.value }),
    }
    return (
      <label>
        <span>{t(label)}</span>
        {email ? <input type="email" {...input} /> : <input type="password" {...input} />}
      </label>
    )
  }
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="new-desk">
      <h2 id="new-desk">{t('deskAdd')}</h2>
      <label>
        <span>{t('deskKind')}</span>
        <select
          value={kind}
          onChange={(e) => setKind(CONNECTION_KINDS.find((k) => k === e.currentTarget.value)!)}
        >
          {CONNECTION_KINDS.map((k) => (
            <option value={k}>{KIND_LABEL[k]}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('survey')}</span>
        <select value={surveyId} onChange={(e) => setSurveyId(e.currentTarget.value)}>
          {surveys.map((s) => (
            <option value={s.id}>{s.name}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('deskBaseUrl')}</span>
        <input
          type="url"
          required
          maxLength={2000}
          placeholder={BASE_URL_HINT[kind]}
          value={baseUrl}
          onInput={(e) => setBaseUrl(e.currentTarget.value)}
        />
      </label>
      {FIELDS[kind].map(([name, label]) => field(name, label, { email: name === 'email' }))}
      {kind === 'zendesk' && field('signingSecret', 'deskSigningSecret', { required: false })}
      <button type="submit" class="primary">
        {t('deskAdd')}
      </button>
      {error && <Problem error={error} />}
    </form>
  )
}

function Desk({ connection: c }: { connection: Connection }) {
  const { t, lang } = useI18n()
  const { surveys } = useApp()
  const [open, setOpen] = useState(false)
  const survey = surveys.find((s) => s.id === c.surveyId)?.name ?? c.surveyId
  return (
    <section class="card" aria-labelledby={`desk-${c.id}`}>
      <h2 id={`desk-${c.id}`}>
        {KIND_LABEL[c.kind]}: <span class="break">{c.baseUrl}</span>
      </h2>
      <p>
        <span class="badge">{c.verified ? t('deskVerified') : t('deskNotVerified')}</span>{' '}
        <span class="muted">
          {t('survey')}: {survey} · {t('created')}: {dateTime(lang, c.createdAt)}
        </span>
      </p>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('deskDetails')}</summary>
        {open && <DeskDetail id={c.id} />}
      </details>
    </section>
  )
}

function DeskDetail({ id }: { id: string }) {
  const { t, lang } = useI18n()
  const path = `/v1/connections/${encodeURIComponent(id)}`
  const [ticket, setTicket] = useState('')
  const [outcome, setOutcome] = useState('')
  const detail = useData(path, () => call('GET /v1/connections/{id}', { params: { id } }))
  const events = useData(`${path}:${ticket}`, () =>
    call('GET /v1/connections/{id}/events', {
      params: { id },
      query: { ticketId: ticket.trim() || undefined, limit: 100 },
    }),
  )
  const rows = (events.data?.data ?? []).filter((e) => !outcome || e.outcome === outcome)
  return (
    <div>
      {detail.data && <Setup detail={detail.data} />}
      {detail.error && <Problem error={detail.error} retry={detail.reload} />}
      <h3>{t('deskEvents')}</h3>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('deskOutcome')}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
            <option value="">{t('deskAllOutcomes')}</option>
            {HELPDESK_OUTCOMES.map((o) => (
              <option value={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('deskTicket')}</span>
          <input value={ticket} maxLength={64} onChange={(e) => setTicket(e.currentTarget.value)} />
        </label>
      </form>
      {events.error && <Problem error={events.error} retry={events.reload} />}
      {events.data && rows.length === 0 && <p>{t('deskNoEvents')}</p>}
      {rows.length > 0 && (
        <Scroll label={t('deskEvents')}>
          <table>
            <caption class="sr-only">{t('deskEvents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deskWhen')}</th>
                <th scope="col">{t('deskTicket')}</th>
                <th scope="col">{t('deskOutcome')}</th>
                <th scope="col">{t('deskReason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(lang, e.at)}</td>
                  <td>{e.ticketId ?? '–'}</td>
                  <td>{e.outcome}</td>
                  <td>
                    {e.reason}
                    {e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}
                    {e.detail && <span class="muted"> {e.detail}</span>}
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
