import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { I18n, translator } from '../../dashboard/lib/i18n'
import { SignIn } from '../../dashboard/ui/SignIn'
import { fakeFetch } from './helpers'

const KEY = 'sk_' + 'a'.repeat(40)
const SESSION = {
  scope: 'full',
  expiresAt: '2026-11-25T10:00:00.000Z',
  project: { id: 'prj_1', name: 'Shop', requireSignedIdentity: false },
}

const show = (onSignedIn = vi.fn()) => {
  render(
    <I18n.Provider value={{ lang: 'en', t: translator('en') }}>
      <SignIn onSignedIn={onSignedIn} lang="en" setLang={() => {}} />
    </I18n.Provider>,
  )
  return onSignedIn
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  localStorage.clear()
  sessionStorage.clear()
})

describe('the sign-in form', () => {
  it('has a password field labelled "API key" and a "Sign in" button', () => {
    show()
    const field = screen.getByLabelText('API key')
    expect(field.getAttribute('type')).toBe('password')
    expect(field.getAttribute('autocomplete')).toBe('off')
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy()
  })

  it('sends the key once to POST /v1/sessions, then forgets it: no web storage, no JS cookie', async () => {
    const calls = fakeFetch({ 'POST /v1/sessions': SESSION })
    const onSignedIn = show()
    const field = screen.getByLabelText<HTMLInputElement>('API key')
    fireEvent.input(field, { target: { value: KEY } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(SESSION))
    expect(calls).toEqual([{ method: 'POST', url: '/v1/sessions', body: { key: KEY } }])
    expect(field.value).toBe('')
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
    expect(stored).not.toContain(KEY)
    expect(document.cookie).not.toContain(KEY)
  })

  it("shows the server's refusal as an alert and keeps the form", async () => {
    fakeFetch({
      'POST /v1/sessions': new Response(
        JSON.stringify({
          status: 401,
          code: 'unauthorized',
          detail: 'Unknown or revoked API key.',
        }),
        { status: 401, headers: { 'content-type': 'application/problem+json' } },
      ),
    })
    const onSignedIn = show()
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'sk_wrong' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Unknown or revoked API key.')
    expect(onSignedIn).not.toHaveBeenCalled()
  })
})
