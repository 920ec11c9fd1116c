// The app: asks the server who is signed in, then shows the sign-in form or the pages.
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Session } from '../schema/keys'
import { call, setSignedOutHandler } from './lib/api'
import { AppContext, type AppState } from './lib/context'
import { I18n, initialLang, rememberLang, translator } from './lib/i18n'
import type { Lang } from './lib/messages'
import { interceptLinks, useLocation } from './lib/router'
import { useData } from './lib/use-data'
import { Pages } from './Pages'
import { Layout } from './ui/Layout'
import { SignIn } from './ui/SignIn'
import { AcceptInvite } from './ui/AcceptInvite'
import { SsoSignIn } from './ui/SsoSignIn'

/** The survey last chosen in this browser (an id, nothing secret): the next visit opens on it. */
const SURVEY_STORE = 'kp-dashboard-survey'
/** The nav counts open follow-ups up to one page; beyond it shows "100+". */
const FOLLOW_UP_PAGE = 100

/**
 * "This browser signed in and has not signed out": without it the app shows the sign-in at once
 * instead of asking /v1/sessions/current, whose 401 would be logged on every first visit. The
 * session itself stays in its HttpOnly cookie; this flag holds nothing secret.
 */
const SESSION_HINT = 'kp-dashboard-session'
const hint = {
  set: () => localStorage.setItem(SESSION_HINT, '1'),
  clear: () => localStorage.removeItem(SESSION_HINT),
  present: () => localStorage.getItem(SESSION_HINT) === '1',
}

type Auth = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: Session }

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang)
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang])
  const [auth, setAuth] = useState<Auth>({ state: 'checking' })
  // Re-rendered on in-app navigation: the sign-in screen links to /app/sso without a reload.
  const loc = useLocation()
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  useEffect(() => {
    const signedOut = () => {
      hint.clear()
      setAuth({ state: 'out' })
    }
    setSignedOutHandler(signedOut)
    // Back from single sign-on (worker/routes/oidc.ts): the session cookie is new to this page.
    const fromSso = new URLSearchParams(location.search).get('sso') === 'ok'
    if (fromSso) history.replaceState(null, '', '/app/overview')
    if (hint.present() || fromSso)
      call('GET /v1/sessions/current').then(
        (session) => setAuth({ state: 'in', session }),
        signedOut,
      )
    else setAuth({ state: 'out' })
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
      ) : auth.state === 'out' && location.pathname === '/app/invite' ? (
        <AcceptInvite
          onSignedIn={(session) => {
            hint.set()
            setAuth({ state: 'in', session })
          }}
        />
      ) : auth.state === 'out' && (loc.path === '/sso' || loc.path.startsWith('/sso/')) ? (
        <SsoSignIn lang={lang} setLang={changeLang} />
      ) : auth.state === 'out' ? (
        <SignIn
          onSignedIn={(session) => {
            hint.set()
            setAuth({ state: 'in', session })
          }}
          lang={lang}
          setLang={changeLang}
        />
      ) : (
        <SignedIn
          session={auth.session}
          onSignedOut={() => {
            hint.clear()
            setAuth({ state: 'out' })
          }}
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
  const surveys = useData('surveys', () => call('GET /v1/surveys'))
  const list = surveys.data?.data ?? []
  const wanted = loc.query.get('survey')
  const chosen = list.find((s) => s.id === wanted)
  useEffect(() => {
    if (chosen) localStorage.setItem(SURVEY_STORE, chosen.id)
  }, [chosen?.id])
  const remembered = list.find((s) => s.id === localStorage.getItem(SURVEY_STORE))
  const followUps = useData('follow-ups', () =>
    call('GET /v1/responses', {
      query: { polarity: 'negative', followUp: 'pending', limit: FOLLOW_UP_PAGE },
    }),
  )
  const state: AppState = {
    session: props.session,
    surveys: list,
    survey: chosen ?? remembered ?? list[0],
    canWrite: props.session.scope === 'full',
    reloadSurveys: surveys.reload,
    followUps: followUps.data && {
      count: followUps.data.data.length,
      more: followUps.data.nextCursor !== null,
    },
    reloadFollowUps: followUps.reload,
    // A key's session ends with DELETE /v1/sessions/current, a person's with sign-out: the
    // other answers 404 or 401, which is fine.
    signOut: () => {
      Promise.allSettled([call('DELETE /v1/sessions/current'), call('POST /v1/auth/sign-out')])
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
