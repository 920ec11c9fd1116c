// The sign-in forms: email and password (POST /v1/auth/sign-in), a passkey (no email: the browser
// offers the passkeys it holds for this site), or a key that goes to
// POST /v1/sessions once and is forgotten; either way the server answers with an HttpOnly cookie
// that no script can read. Single sign-on has its own page (./SsoSignIn.tsx), linked from here.
import { useRef, useState } from 'preact/hooks'
import type { Session } from '../../schema/keys'
import { ApiProblem, call } from '../lib/api'
import { useI18n } from '../lib/i18n'
import type { Lang } from '../lib/messages'
import { getPasskey, passkeysSupported } from '../lib/webauthn'
import { LangSwitch } from './LangSwitch'

interface Props {
  onSignedIn: (s: Session) => void
  lang: Lang
  setLang: (l: Lang) => void
}

export function SignIn({ onSignedIn, lang, setLang }: Props) {
  const { t } = useI18n()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const submit = async (e: Event) => {
    e.preventDefault()
    const field = input.current
    if (!field) return
    setBusy(true)
    setError('')
    try {
      const session = await call('POST /v1/sessions', { body: { key: field.value.trim() } })
      field.value = ''
      onSignedIn(session)
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err))
      field.focus()
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="signin">
      <div class="card">
        <h1>{t('signInTitle')}</h1>
        <PasswordSignIn onSignedIn={onSignedIn} />
        {passkeysSupported() && <PasskeySignIn onSignedIn={onSignedIn} />}
        <p>
          <a href="/app/sso">{t('ssoLink')}</a>
        </p>
      </div>
      <form class="card" onSubmit={submit}>
        <h2>{t('signInWithKey')}</h2>
        <p class="muted">{t('signInIntro')}</p>
        <label for="key">{t('apiKey')}</label>
        {/* autocomplete=off: a password manager would store the key in this browser. */}
        <input
          id="key"
          ref={input}
          type="password"
          name="key"
          required
          maxLength={200}
          autoComplete="off"
          spellcheck={false}
          aria-describedby={error ? 'key-error' : undefined}
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p id="key-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <LangSwitch lang={lang} setLang={setLang} />
      </form>
    </main>
  )
}

/** Email and password; then the dashboard asks who it is, as after a key sign-in. */
function PasswordSignIn({ onSignedIn }: Pick<Props, 'onSignedIn'>) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    setBusy(true)
    setError('')
    try {
      await call('POST /v1/auth/sign-in', {
        body: { email: String(data.get('email')), password: String(data.get('password')) },
      })
      onSignedIn(await call('GET /v1/sessions/current'))
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit}>
      <label for="email">{t('email')}</label>
      <input id="email" name="email" type="email" required autoComplete="username" />
      <label for="password">{t('password')}</label>
      <input
        id="password"
        name="password"
        type="password"
        required
        maxLength={200}
        autoComplete="current-password"
        aria-describedby={error ? 'password-error' : undefined}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p id="password-error" class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('signingIn') : t('signInContinue')}
      </button>
    </form>
  )
}

/** A passkey alone: the server's challenge, the browser's choice of passkey, the same session. */
function PasskeySignIn({ onSignedIn }: Pick<Props, 'onSignedIn'>) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const start = async () => {
    setBusy(true)
    setError('')
    try {
      const options = await call('POST /v1/auth/passkeys/sign-in/options')
      const credential = await getPasskey(options)
      await call('POST /v1/auth/passkeys/sign-in', { body: { credential } })
      onSignedIn(await call('GET /v1/sessions/current'))
    } catch (err) {
      if (err instanceof ApiProblem) setError(err.message)
      else if (err instanceof DOMException && err.name === 'NotAllowedError')
        setError(t('passkeyCancelled'))
      else setError(String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="passkey-signin">
      <button
        type="button"
        onClick={start}
        disabled={busy}
        aria-describedby={error ? 'passkey-error' : undefined}
      >
        {busy ? t('signingIn') : t('passkeySignIn')}
      </button>
      {error && (
        <p id="passkey-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
