// The signed-in person's own page: the project switcher, "your sessions" (sign a lost device
// out) and passkeys. Signed in with a key, there is no person: the page says so through the API's 401.
import { call } from '../lib/api'
import { asError } from '../lib/errors'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { ROLE_LABEL } from '../ui/AcceptInvite'
import { Passkeys } from '../ui/Passkeys'
import { Problem } from '../ui/Status'
import { useState } from 'preact/hooks'

export default function Account() {
  const { t, lang } = useI18n()
  const me = useData('me', () => call('GET /v1/auth/me'))
  const sessions = useData('my-sessions', () => call('GET /v1/auth/sessions'))
  const [error, setError] = useState<Error>()
  const switchTo = async (e: Event) => {
    e.preventDefault()
    const projectId = String(new FormData(e.currentTarget as HTMLFormElement).get('project'))
    try {
      await call('PUT /v1/auth/project', { body: { projectId } })
      location.assign('/app/overview')
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('accountTitle')}</h1>
      {me.error && <Problem error={me.error} />}
      {error && <Problem error={error} />}
      {me.data && (
        <form class="card" onSubmit={switchTo}>
          <p>{me.data.user.email}</p>
          <label for="project">{t('projectSwitch')}</label>
          <select id="project" name="project" value={me.data.projectId ?? undefined}>
            {me.data.projects.map((p) => (
              <option value={p.id}>
                {p.name} ({t(ROLE_LABEL[p.role])})
              </option>
            ))}
          </select>
          <button type="submit">{t('projectSwitchButton')}</button>
        </form>
      )}
      {sessions.data && (
        <section class="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t('sessionsTitle')}</h2>
          <ul>
            {sessions.data.data.map((s) => (
              <li key={s.id}>
                {s.userAgent || '—'} ·{' '}
                {t('sessionLastUsed', { when: dateTime(lang, s.lastUsedAt) })}{' '}
                {s.current ? (
                  <strong>{t('sessionsCurrent')}</strong>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      call('DELETE /v1/auth/sessions/{id}', { params: { id: s.id } }).then(
                        sessions.reload,
                        (err) => setError(asError(err)),
                      )
                    }
                  >
                    {t('sessionEnd')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.data && <Passkeys />}
    </section>
  )
}
