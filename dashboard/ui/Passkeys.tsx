// "Passkeys" on the Account page: add one (the browser makes it, the server verifies it), see the
// list, remove one after a confirmation.
import { useState } from 'preact/hooks'
import type { Passkey } from '../../schema/passkeys'
import { PASSKEY_NAME_MAX } from '../../schema/constants'
import { call } from '../lib/api'
import { asError } from '../lib/errors'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { createPasskey, passkeysSupported } from '../lib/webauthn'
import { Confirm } from './Confirm'
import { Problem } from './Status'

export function Passkeys() {
  const { t, lang } = useI18n()
  const list = useData('my-passkeys', () => call('GET /v1/auth/passkeys'))
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)
  const [added, setAdded] = useState(false)
  const [removing, setRemoving] = useState<Passkey>()
  const supported = passkeysSupported()

  const add = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget
    if (!(form instanceof HTMLFormElement)) return
    const name = String(new FormData(form).get('name') ?? '').trim()
    setBusy(true)
    setError(undefined)
    setAdded(false)
    try {
      const options = await call('POST /v1/auth/passkeys/register/options')
      const credential = await createPasskey(options)
      await call('POST /v1/auth/passkeys/register', {
        body: { credential, ...(name ? { name } : {}) },
      })
      form.reset()
      setAdded(true)
      list.reload()
    } catch (err) {
      // The person closed the browser's dialog: not a fault worth a red box of detail.
      setError(
        err instanceof DOMException && err.name === 'NotAllowedError'
          ? new Error(t('passkeyCancelled'))
          : asError(err),
      )
    } finally {
      setBusy(false)
    }
  }

  const remove = (p: Passkey) =>
    call('DELETE /v1/auth/passkeys/{id}', { params: { id: p.id } }).then(list.reload, (err) =>
      setError(asError(err)),
    )

  return (
    <section class="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeysTitle')}</h2>
      <p class="muted">{t('passkeysIntro')}</p>
      {list.error && <Problem error={list.error} />}
      {list.data &&
        (list.data.data.length ? (
          <ul aria-labelledby="passkeys-title">
            {list.data.data.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong> ·{' '}
                {t('passkeyCreated', { when: dateTime(lang, p.createdAt) })} ·{' '}
                {p.lastUsedAt
                  ? t('passkeyLastUsed', { when: dateTime(lang, p.lastUsedAt) })
                  : t('passkeyNeverUsed')}{' '}
                <button
                  type="button"
                  aria-label={t('passkeyRemoveLabel', { name: p.name })}
                  onClick={() => setRemoving(p)}
                >
                  {t('passkeyRemove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('passkeysNone')}</p>
        ))}
      {supported ? (
        <form onSubmit={add}>
          <label for="passkey-name">{t('passkeyName')}</label>
          <input id="passkey-name" name="name" maxLength={PASSKEY_NAME_MAX} autoComplete="off" />
          <button type="submit" disabled={busy}>
            {t('passkeyAdd')}
          </button>
        </form>
      ) : (
        <p>{t('passkeysUnsupported')}</p>
      )}
      {added && <p role="status">{t('passkeyAdded')}</p>}
      {error && <Problem error={error} />}
      {removing && (
        <Confirm
          title={t('passkeyRemove')}
          text={t('passkeyRemoveConfirm', { name: removing.name })}
          confirm={t('passkeyRemove')}
          onConfirm={() => void remove(removing)}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </section>
  )
}
