// Renders a dashboard component as the signed-in app would: language and session context, and a
// fetch double that records calls and answers from a table of routes.
import { render } from '@testing-library/preact'
import type { ComponentChildren } from 'preact'
import { vi } from 'vitest'
import type { Survey } from '../../schema/survey'
import { AppContext, type AppState } from '../../dashboard/lib/context'
import { I18n, translator } from '../../dashboard/lib/i18n'

export const SURVEY: Survey = {
  id: 'srv_test',
  name: 'After purchase',
  kind: 'nps',
  texts: {},
  throttleDays: 90,
  sampleRate: 1,
  allowedOrigins: [],
  referralUrl: null,
  reviewUrl: null,
  trigger: { delayMs: 0 },
  segmentKeys: ['segment'],
  cooldownDays: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
}

export function renderApp(ui: ComponentChildren, scope: 'read' | 'full' = 'full') {
  const state: AppState = {
    session: {
      scope,
      expiresAt: null,
      project: { id: 'prj_test', name: 'Test shop', requireSignedIdentity: false },
    },
    surveys: [SURVEY],
    survey: SURVEY,
    canWrite: scope === 'full',
    reloadSurveys: () => {},
    followUps: undefined,
    reloadFollowUps: () => {},
    signOut: () => {},
  }
  return render(
    <I18n.Provider value={{ lang: 'en', t: translator('en') }}>
      <AppContext.Provider value={state}>{ui}</AppContext.Provider>
    </I18n.Provider>,
  )
}

export interface Call {
  method: string
  url: string
  body: unknown
}

/** Stubs fetch: `routes` maps "METHOD /path" (query ignored) to a JSON body or a Response. */
export function fakeFetch(routes: Record<string, unknown | ((c: Call) => unknown)>) {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const path = new URL(url, 'http://app.test').pathname
    const call = { method, url, body: init.body ? JSON.parse(String(init.body)) : undefined }
    calls.push(call)
    const route = routes[`${method} ${path}`]
    const answer = typeof route === 'function' ? route(call) : route
    if (answer instanceof Response) return answer
    if (answer === undefined) return new Response(null, { status: 404 })
    return new Response(JSON.stringify(answer), {
      status: method === 'POST' ? 201 : 200,
      headers: { 'content-type': 'application/json' },
    })
  })
  return calls
}
