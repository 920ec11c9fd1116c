// Which page a URL shows. The overview is in the first bundle; the rest load on first visit.
import { lazyPage } from './lib/lazy'
import { match, useLocation } from './lib/router'
import { Overview } from './pages/Overview'

const Responses = lazyPage(() => import('./pages/Responses'))
const Inbox = lazyPage(() => import('./pages/Inbox'))
const Answer = lazyPage<{ id: string }>(() => import('./pages/Answer'))
const Customers = lazyPage(() => import('./pages/Customers'))
const Customer = lazyPage<{ id: string }>(() => import('./pages/Customer'))
const Surveys = lazyPage(() => import('./pages/Surveys'))
const SurveyEdit = lazyPage<{ id: string | null }>(() => import('./pages/SurveyEdit'))
const Settings = lazyPage(() => import('./pages/Settings'))
const Themes = lazyPage(() => import('./pages/Themes'))
const Journeys = lazyPage(() => import('./pages/Journeys'))
const Webhooks = lazyPage(() => import('./pages/Webhooks'))
const Connections = lazyPage(() => import('./pages/Connections'))
const Audit = lazyPage(() => import('./pages/Audit'))
const Members = lazyPage(() => import('./pages/Members'))
const Account = lazyPage(() => import('./pages/Account'))
const Email = lazyPage(() => import('./pages/Email'))

export function Pages() {
  const { path } = useLocation()
  if (path === '/' || path === '/overview') return <Overview />
  if (path === '/responses') return <Responses />
  const answer = match('/responses/:id', path)
  if (answer) return <Answer id={answer.id} />
  if (path === '/inbox') return <Inbox />
  if (path === '/customers') return <Customers />
  const customer = match('/customers/:id', path)
  if (customer) return <Customer id={customer.id} />
  if (path === '/surveys') return <Surveys />
  if (path === '/surveys/new') return <SurveyEdit id={null} />
  const survey = match('/surveys/:id', path)
  if (survey) return <SurveyEdit id={survey.id} />
  if (path === '/settings') return <Settings />
  if (path === '/settings/webhooks') return <Webhooks />
  if (path === '/settings/connections') return <Connections />
  if (path === '/audit') return <Audit />
  if (path === '/settings/members') return <Members />
  if (path === '/account') return <Account />
  if (path === '/themes') return <Themes />
  if (path === '/journeys') return <Journeys />
  if (path === '/email') return <Email />
  return (
    <section>
      <h1>404</h1>
      <p>
        <a href="/app">Kundepuls</a>
      </p>
    </section>
  )
}
