// The project's single sign-on provider (GET/PUT/DELETE /v1/project/oidc), on the Settings page
// for owners and admins: the server answers 403 to anyone else, and then the card is not shown.
// The client secret is write-only: the field stays empty and an empty field keeps the stored one.
import { useState } from 'preact/hooks'
import type { OidcSettings } from '../../schema/oidc'
import { ApiProblem, call } from '../lib/api'
import { asError } from '../lib/errors'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { Confirm } from './Confirm'
import { Problem } from './Status'

/** The provider (configured or not yet); a 403 (not an owner or admin) hides the card. */
async function load(): Promise<OidcSettings | 'hidden'> {
  try {
    return await call('GET /v1/project/oidc')
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 403) return 'hidden'
    throw err
  }
}

export function SsoSettings() {
  const { t } = useI18n()
  const current = useData('sso-settings', load)
  const [error, setError] = useState<Error>()
  const [saved, setSaved] = useState(false)
  const [removing, setRemoving] = useState(false)
  if (current.data === 'hidden') return null
  const found = current.data
  // The stored provider; before one is saved only the URIs to register are known.
  const settings = found?.configured ? found : null
  const save = async (e: Event) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    const field = (name: string) => String(data.get(name) ?? '').trim()
    setError(undefined)
    setSaved(false)
    try {
      await call('PUT /v1/project/oidc', {
        body: {
          issuer: field('issuer'),
          clientId: field('clientId'),
          ...(field('clientSecret') ? { clientSecret: field('clientSecret') } : {}),
          ...(field('displayName') ? { displayName: field('displayName') } : {}),
        },
      })
      setSaved(true)
      current.reload()
    } catch (err) {
      setError(asError(err))
    }
  }
  const remove = () =>
    call('DELETE /v1/project/oidc').then(
      () => current.reload(),
      (err) => setError(asError(err)),
    )
  return (
    <section class="card" aria-labelledby="sso-title">
      <h2 id="sso-title">{t('ssoSettingsTitle')}</h2>
      <p class="muted">{t('ssoSettingsIntro')}</p>
      {current.error && <Problem error={current.error} retry={current.reload} />}
      {current.data !== undefined && (
        <form class="stack" onSubmit={save} key={settings?.updatedAt ?? 'new'}>
          <label>
            <span>{t('ssoIssuer')}</span>
            <input
              name="issuer"
              type="url"
              required
              maxLength={500}
              placeholder="https://login.example.com"
              defaultValue={settings?.issuer ?? ''}
            />
          </label>
          <label>
            <span>{t('ssoClientId')}</span>
            <input
              name="clientId"
              required
              maxLength={255}
              spellcheck={false}
              defaultValue={settings?.clientId ?? ''}
            />
          </label>
          <label>
            <span>{settings ? t('ssoClientSecretKeep') : t('ssoClientSecret')}</span>
            {/* Write-only; autocomplete off so no password manager keeps the client's secret. */}
            <input
              name="clientSecret"
              type="password"
              required={!settings}
              maxLength={1000}
              autoComplete="off"
            />
          </label>
          <label>
            <span>{t('ssoDisplayName')}</span>
            <input name="displayName" maxLength={60} defaultValue={settings?.displayName ?? ''} />
          </label>
          <div class="actions">
            <button type="submit" class="primary">
              {t('ssoSave')}
            </button>
            {settings && (
              <button type="button" class="danger" onClick={() => setRemoving(true)}>
                {t('ssoRemove')}
              </button>
            )}
          </div>
        </form>
      )}
      {saved && <p role="status">{t('ssoSaved')}</p>}
      {error && <Problem error={error} />}
      {found && (
        <dl class="break">
          <dt>{t('ssoRedirectUri')}</dt>
          <dd>
            <code data-testid="sso-redirect-uri">{found.redirectUri}</code>
          </dd>
          {settings && (
            <>
              <dt>{t('ssoSignInUrl')}</dt>
              <dd>
                <a href={settings.signInUrl} data-testid="sso-sign-in-url">
                  {settings.signInUrl}
                </a>
              </dd>
            </>
          )}
        </dl>
      )}
      {removing && (
        <Confirm
          title={t('ssoRemove')}
          text={t('ssoRemoveConfirm')}
          confirm={t('ssoRemove')}
          onConfirm={remove}
          onClose={() => setRemoving(false)}
        />
      )}
    </section>
  )
}
