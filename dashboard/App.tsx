// The app: asks the server who is signed in, then shows the sign-in form or the pages.
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Session } from '../schema/keys'
import type { SurveyList } from './lib/types'
import { api, get, setSignedOutHandler } from './lib/api'
import { AppContext, type AppState } from './lib/context'
import { I18n, initialLang, rememberLang, translator } from './lib/i18n'
import type { Lang } from './lib/messages'
import { interceptLinks, useLocation } from './lib/router'
import { useData } from './lib/use-data'
import { Pages } from './Pages'
import { Layout } from './ui/Layout'
import { SignIn } from './ui/SignIn'

type Auth = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: Session }

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang)
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang])
  const [auth, setAuth] = useState<Auth>({ state: 'checking' })
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  useEffect(() => {
    setSignedOutHandler(() => setAuth({ state: 'out' }))
    get<Session>('/v1/sessions/current').then(
      (session) => setAuth({ state: 'in', session }),
      () => setAuth({ state: 'out' }),
    )
    addEventListener('click', interceptLinks)
    return () => removeEventListener('click', interceptLinks)
  }, [])
  const changeLang = (l: Lang) => {
    rememberLang(l)
    setLang(l)
  }
  return (
    <I18n.Provider value={i18n}>
      {auth.state === 'checking' ? (
        <p class="center" role="status">
          {i18n.t('loading')}
        </p>
      ) : auth.state === 'out' ? (
        <SignIn
          onSignedIn={(session) => setAuth({ state: 'in', session })}
          lang={lang}
          setLang={changeLang}
        />
      ) : (
        <SignedIn
          session={auth.session}
          onSignedOut={() => setAuth({ state: 'out' })}
          setLang={changeLang}
        />
      )}
    </I18n.Provider>
  )
}

function SignedIn(props: {
  session: Session
  onSignedOut: () => void
  setLang: (l: Lang) => void
}) {
  const loc = useLocation()
  const surveys = useData('surveys', () => get<SurveyList>('/v1/surveys'))
  const list = surveys.data?.data ?? []
  const wanted = loc.query.get('survey')
  const state: AppState = {
    session: props.session,
    surveys: list,
    survey: list.find((s) => s.id === wanted) ?? list[0],
    canWrite: props.session.scope === 'full',
    reloadSurveys: surveys.reload,
    signOut: () => {
      api('DELETE', '/v1/sessions/current')
        .catch(() => undefined)
        .finally(props.onSignedOut)
    },
  }
  return (
    <AppContext.Provider value={state}>
      <Layout setLang={props.setLang}>{surveys.data ? <Pages /> : <p role="status">…</p>}</Layout>
    </AppContext.Provider>
  )
}
