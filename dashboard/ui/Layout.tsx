// The frame of every signed-in page: header (project, survey picker, language, sign out),
// navigation, and the page itself in <main>.
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import type { Lang } from '../lib/messages'
import type { MessageKey } from '../lib/messages'
import { BASE, navigate, useLocation, withQuery } from '../lib/router'
import { LangSwitch } from './LangSwitch'

const NAV: [string, MessageKey][] = [
  ['/overview', 'navOverview'],
  ['/responses', 'navResponses'],
  ['/inbox', 'navInbox'],
  ['/themes', 'navThemes'],
  ['/journeys', 'navJourneys'],
  ['/customers', 'navCustomers'],
  ['/surveys', 'navSurveys'],
  ['/email', 'navEmail'],
  ['/settings', 'navSettings'],
]

export function Layout({
  children,
  setLang,
}: {
  children: ComponentChildren
  setLang: (l: Lang) => void
}) {
  const { t, lang } = useI18n()
  const app = useApp()
  const loc = useLocation()
  const current = loc.path === '/' ? '/overview' : loc.path
  // Only the survey travels between pages; page filters stay with their page.
  const keep = app.survey ? `?survey=${encodeURIComponent(app.survey.id)}` : ''
  // After a navigation, focus goes to the new page (as a full page load would), so keyboard and
  // screen-reader users start reading it from its top.
  const first = useRef(true)
  useEffect(() => {
    if (first.current) first.current = false
    else document.getElementById('main')?.focus()
  }, [loc.path])
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <a class="brand" href={`${BASE}/overview${keep}`}>
          {t('appName')}
        </a>
        <span class="project">{app.session.project.name}</span>
        {app.session.scope === 'read' && <span class="badge">{t('readOnly')}</span>}
        {app.surveys.length > 0 && (
          <label class="picker">
            <span>{t('survey')}</span>
            <select
              value={app.survey?.id}
              onChange={(e) =>
                navigate(
                  loc.path +
                    withQuery(loc.query, { survey: e.currentTarget.value, cursor: undefined }),
                )
              }
            >
              {app.surveys.map((s) => (
                <option value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
        <span class="spacer" />
        <LangSwitch lang={lang} setLang={setLang} />
        <a href="/docs">{t('apiReference')}</a>
        <button type="button" onClick={app.signOut}>
          {t('signOut')}
        </button>
      </header>
      <nav aria-label={t('mainNav')} class="nav">
        <ul>
          {NAV.map(([path, label]) => (
            <li>
              <a
                href={BASE + path + keep}
                aria-current={
                  current === path || current.startsWith(path + '/') ? 'page' : undefined
                }
              >
                {t(label)}
                {path === '/inbox' && app.followUps && app.followUps.count > 0 && (
                  <>
                    <span class="count" aria-hidden="true">
                      {app.followUps.count}
                      {app.followUps.more ? '+' : ''}
                    </span>
                    <span class="sr-only">
                      {': '}
                      {t('openFollowUps', {
                        n: `${app.followUps.count}${app.followUps.more ? '+' : ''}`,
                      })}
                    </span>
                  </>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
