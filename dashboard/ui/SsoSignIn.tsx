// Single sign-on (/app/sso and /app/sso/<projectId>): the link an admin shares names the project;
// without one, the person types the project's ID. The button is a plain link to the worker's
// start route, which sends the browser to the provider; a refused sign-in comes back here with
// ?error=<reason>, worded in the person's language.
import { useEffect, useState } from 'preact/hooks'
import { OIDC_REFUSALS, type OidcRefusal } from '../../schema/constants'
import type { OidcPublic } from '../../schema/oidc'
import { ApiProblem, call } from '../lib/api'
import { useI18n } from '../lib/i18n'
import type { Lang } from '../lib/messages'
import { LangSwitch } from './LangSwitch'

const isRefusal = (s: string | null): s is OidcRefusal => OIDC_REFUSALS.some((r) => r === s)

export function SsoSignIn(props: { lang: Lang; setLang: (l: Lang) => void }) {
  const { t } = useI18n()
  const projectId = decodeURIComponent(location.pathname.split('/')[3] ?? '')
  const reason = new URLSearchParams(location.search).get('error')
  const [provider, setProvider] = useState<OidcPublic | null>(null)
  const [missing, setMissing] = useState(false)
  const [problem, setProblem] = useState('')
  useEffect(() => {
    if (!projectId) return
    call('GET /v1/auth/oidc/{projectId}', { params: { projectId } }).then(setProvider, (err) =>
      err instanceof ApiProblem && (err.status === 404 || err.status === 400)
        ? setMissing(true)
        : setProblem(err instanceof Error ? err.message : String(err)),
    )
  }, [projectId])
  const choose = (e: Event) => {
    e.preventDefault()
    const id = String(new FormData(e.currentTarget as HTMLFormElement).get('project')).trim()
    if (id) location.assign(`/app/sso/${encodeURIComponent(id)}`)
  }
  return (
    <main class="signin">
      <div class="card">
        <h1>{t('ssoTitle')}</h1>
        {isRefusal(reason) && (
          <p class="error" role="alert">
            {t(`ssoRefused_${reason}`)}
          </p>
        )}
        {problem && (
          <p class="error" role="alert">
            {t('error', { detail: problem })}
          </p>
        )}
        {!projectId && (
          <form onSubmit={choose}>
            <p class="muted">{t('ssoIntro')}</p>
            <label for="project">{t('ssoProjectId')}</label>
            <input id="project" name="project" required maxLength={40} spellcheck={false} />
            <button type="submit" class="primary">
              {t('signInContinue')}
            </button>
          </form>
        )}
        {provider && (
          <a
            class="button primary"
            href={`/v1/auth/oidc/${encodeURIComponent(provider.projectId)}/start`}
          >
            {t('ssoWith', { provider: provider.displayName })}
          </a>
        )}
        {missing && <p role="status">{t('ssoNone')}</p>}
        <p>
          <a href="/app">{t('ssoBack')}</a>
        </p>
        <LangSwitch lang={props.lang} setLang={props.setLang} />
      </div>
    </main>
  )
}
