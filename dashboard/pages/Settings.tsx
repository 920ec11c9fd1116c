// Settings: the project's API keys (create a read-only or full key, revoke), single sign-on
// (owners and admins) and how to sign customer identities.
import { useState } from 'preact/hooks'
import type { KeyCreated } from '../../schema/keys'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'
import { useData } from '../lib/use-data'
import { Confirm } from '../ui/Confirm'
import { Problem } from '../ui/Status'
import { SsoSettings } from '../ui/SsoSettings'

export default function Settings() {
  const { t, lang } = useI18n()
  const app = useApp()
  const keys = useData('keys', () => call('GET /v1/keys'))
  const [name, setName] = useState('')
  const [scope, setScope] = useState<'read' | 'full'>('read')
  const [created, setCreated] = useState<KeyCreated>()
  const [revoking, setRevoking] = useState<{ id: string; name: string }>()
  const [error, setError] = useState<Error>()
  const create = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    try {
      setCreated(await call('POST /v1/keys', { body: { name: name.trim(), scope } }))
      setName('')
      keys.reload()
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    }
  }
  const revoke = async (id: string) => {
    try {
      await call('DELETE /v1/keys/{id}', { params: { id } })
      keys.reload()
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    }
  }
  const scopeLabel = {
    read: t('scopeRead'),
    full: t('scopeFull'),
    publishable: t('scopePublishable'),
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('settingsTitle')}</h1>
      <section class="card" aria-labelledby="integrations-title">
        <h2 id="integrations-title">{t('integrations')}</h2>
        <p class="muted">{t('integrationsIntro')}</p>
        <ul>
          <li>
            <a href={`${BASE}/settings/webhooks`}>{t('webhooksTitle')}</a>
          </li>
          <li>
            <a href={`${BASE}/settings/connections`}>{t('desksTitle')}</a>
          </li>
          <li>
            <a href={`${BASE}/audit`}>{t('navAudit')}</a>
          </li>
          <li>
            <a href={`${BASE}/settings/members`}>{t('membersTitle')}</a>
          </li>
          <li>
            <a href={`${BASE}/account`}>{t('accountTitle')}</a>
          </li>
        </ul>
      </section>
      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title">{t('keys')}</h2>
        <p class="muted">{t('keysIntro')}</p>
        {keys.error && <Problem error={keys.error} retry={keys.reload} />}
        {keys.data && (
          <div class="scroll">
            <table>
              <caption class="sr-only">{t('keys')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('scope')}</th>
                  <th scope="col">{t('prefix')}</th>
                  <th scope="col">{t('created')}</th>
                  <th scope="col">{t('lastUsed')}</th>
                  {app.canWrite && <th scope="col">{t('revoke')}</th>}
                </tr>
              </thead>
              <tbody>
                {keys.data.data.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>{scopeLabel[k.scope]}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>{dateTime(lang, k.createdAt)}</td>
                    <td>{k.lastUsedAt ? dateTime(lang, k.lastUsedAt) : t('never')}</td>
                    {app.canWrite && (
                      <td>
                        {k.scope !== 'publishable' && (
                          <button type="button" onClick={() => setRevoking(k)}>
                            {t('revoke')}
                            <span class="sr-only">: {k.name}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {app.canWrite && (
          <form class="filters" onSubmit={create}>
            <label>
              <span>{t('keyName')}</span>
              <input
                required
                maxLength={80}
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </label>
            <label>
              <span>{t('scope')}</span>
              <select
                value={scope}
                onChange={(e) => setScope(e.currentTarget.value === 'full' ? 'full' : 'read')}
              >
                <option value="read">{t('scopeRead')}</option>
                <option value="full">{t('scopeFull')}</option>
              </select>
            </label>
            <button type="submit" class="primary">
              {t('createKey')}
            </button>
          </form>
        )}
        {created && (
          <div class="warn" role="status">
            <p>{t('newKeyShown')}</p>
            <p>
              <code data-testid="new-key">{created.key}</code>
            </p>
          </div>
        )}
        {error && <Problem error={error} />}
      </section>
      <SsoSettings />
      <section class="card" aria-labelledby="identity-title">
        <h2 id="identity-title">{t('identityTitle')}</h2>
        <p>{t('identityIntro')}</p>
        <p>
          {app.session.project.requireSignedIdentity
            ? t('identityRequired')
            : t('identityOptional')}
        </p>
        <pre class="snippet">
          <code>{`// Node.js, on your server
import { createHmac } from 'node:crypto'
const customerHash = createHmac('sha256', process.env.KUNDEPULS_IDENTITY_SECRET)
  .update(customerId).digest('hex')
// then: Kundepuls.show({ customerId, customerHash })`}</code>
        </pre>
        <p class="muted">
          {t('project')}: <code>{app.session.project.id}</code>
        </p>
      </section>
      {revoking && (
        <Confirm
          title={t('revoke')}
          text={t('revokeConfirm', { name: revoking.name })}
          confirm={t('revoke')}
          onConfirm={() => revoke(revoking.id)}
          onClose={() => setRevoking(undefined)}
        />
      )}
    </section>
  )
}
