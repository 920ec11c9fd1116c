import { cleanup, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../dashboard/App'
import { fakeFetch, SURVEY } from './helpers'

const SESSION = {
  scope: 'full',
  expiresAt: null,
  project: { id: 'prj_1', name: 'Shop', requireSignedIdentity: false },
}
const OLDER = { ...SURVEY, id: 'srv_older', name: 'Older survey with answers' }
const NEWEST = { ...SURVEY, id: 'srv_newest', name: 'Brand new survey' }
const unauthorized = () =>
  new Response(JSON.stringify({ status: 401, code: 'unauthorized', detail: 'Sign in.' }), {
    status: 401,
    headers: { 'content-type': 'application/problem+json' },
  })

beforeEach(() => {
  localStorage.setItem('kp-dashboard-lang', 'en')
  history.replaceState(null, '', '/app/surveys')
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  localStorage.clear()
})

describe('the app on load', () => {
  it('shows the sign-in at once in a browser that never signed in: no 401 from /v1/sessions/current', async () => {
    const calls = fakeFetch({ 'GET /v1/sessions/current': unauthorized })
    render(<App />)
    await screen.findByLabelText('API key')
    expect(calls).toEqual([])
  })

  it('asks for the session after a sign-in here, and forgets that when the server says it is over', async () => {
    localStorage.setItem('kp-dashboard-session', '1')
    const calls = fakeFetch({ 'GET /v1/sessions/current': unauthorized })
    render(<App />)
    await screen.findByLabelText('API key')
    expect(calls.map((c) => c.url)).toEqual(['/v1/sessions/current'])
    expect(localStorage.getItem('kp-dashboard-session')).toBeNull()
  })

  it('opens on the survey chosen last in this browser, not on the newest', async () => {
    localStorage.setItem('kp-dashboard-session', '1')
    localStorage.setItem('kp-dashboard-survey', OLDER.id)
    fakeFetch({
      'GET /v1/sessions/current': SESSION,
      'GET /v1/surveys': { data: [NEWEST, OLDER] },
      'GET /v1/responses': { data: [], nextCursor: null },
    })
    render(<App />)
    const picker = (await screen.findByLabelText('Survey')) as HTMLSelectElement
    await waitFor(() => expect(picker.value).toBe(OLDER.id))
  })
})
