// The invitation link's page (/app/invite#token=…): what the invitation offers, a password to set
// (or to confirm, for a person with an account), then the person is signed in to the project.
// The token stays in the fragment, so it never reaches a server log or a Referer.
import { useEffect, useState } from 'preact/hooks'
import type { InviteView } from '../../schema/accounts'
import type { Session } from '../../schema/keys'
import { ApiProblem, call } from '../lib/api'
import { useI18n } from '../lib/i18n'
import type { MessageKey } from '../lib/messages'

export const ROLE_LABEL = {
  owner: 'roleOwner',
  admin: 'roleAdmin',
  member: 'roleMember',
  viewer: 'roleViewer',
} as const satisfies Record<InviteView['role'], MessageKey>

export function AcceptInvite({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useI18n()
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? ''
  const [invite, setInvite] = useState<InviteView | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    call('POST /v1/auth/invites/lookup', { body: { token } }).then(setInvite, () =>
      setError(t('inviteUnusable')),
    )
  }, [token])
  const submit = async (e: Event) => {
    e.preventDefault()
    const password = String(new FormData(e.currentTarget as HTMLFormElement).get('password'))
    setBusy(true)
    setError('')
    try {
      await call('POST /v1/auth/invites/accept', { body: { token, password } })
      history.replaceState(null, '', '/app/overview')
      onSignedIn(await call('GET /v1/sessions/current'))
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="signin">
      <form class="card" onSubmit={submit}>
        <h1>{t('inviteTitle', { project: invite?.project.name ?? 'Kundepuls' })}</h1>
        {invite && (
          <p>
            {t('inviteIntro', { role: t(ROLE_LABEL[invite.role]), email: invite.email })}{' '}
            {invite.hasAccount && t('inviteHasAccount')}
          </p>
        )}
        {invite && (
          <>
            <input
              type="email"
              name="email"
              value={invite.email}
              hidden
              readOnly
              autoComplete="username"
            />
            <label for="password">{invite.hasAccount ? t('password') : t('newPassword')}</label>
            <input
              id="password"
              name="password"
              type="password"
              required
              minLength={invite.hasAccount ? 1 : 10}
              maxLength={200}
              autoComplete={invite.hasAccount ? 'current-password' : 'new-password'}
            />
          </>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {invite && (
          <button type="submit" class="primary" disabled={busy}>
            {t('inviteAccept')}
          </button>
        )}
      </form>
    </main>
  )
}
