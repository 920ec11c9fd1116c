// The single sign-on page (/app/sso/<projectId>): the provider's button as a plain link to the
// worker's start route, a project without a provider, and a refusal worded in either language.
import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { I18n, translator } from '../../dashboard/lib/i18n'
import type { Lang } from '../../dashboard/lib/messages'
import { SsoSignIn } from '../../dashboard/ui/SsoSignIn'
import { fakeFetch } from './helpers'

const show = (path: string, lang: Lang = 'en') => {
  history.replaceState(null, '', path)
  render(
    <I18n.Provider value={{ lang, t: translator(lang) }}>
      <SsoSignIn lang={lang} setLang={() => {}} />
    </I18n.Provider>,
  )
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the single sign-on page', () => {
  it("offers the project's provider by name, as a link to the start route", async () => {
    const calls = fakeFetch({
      'GET /v1/auth/oidc/prj_1': { projectId: 'prj_1', displayName: 'Acme ID' },
    })
    show('/app/sso/prj_1')
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' })
    expect(link.getAttribute('href')).toBe('/v1/auth/oidc/prj_1/start')
    expect(calls.map((c) => c.url)).toEqual(['/v1/auth/oidc/prj_1'])
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says so when the project has no single sign-on', async () => {
    fakeFetch({})
    show('/app/sso/prj_2')
    await screen.findByText(/This project has no single sign-on/)
    expect(document.querySelector('a[href$="/start"]')).toBeNull()
  })

  it('asks for the project ID when the link named none', () => {
    const calls = fakeFetch({})
    show('/app/sso')
    expect(screen.getByLabelText('Project ID')).toBeTruthy()
    expect(calls).toEqual([])
  })

  it('words a refusal in Danish, and ignores a reason it does not know', async () => {
    fakeFetch({ 'GET /v1/auth/oidc/prj_1': { projectId: 'prj_1', displayName: 'Acme ID' } })
    show('/app/sso/prj_1?error=not_a_member', 'da')
    expect(screen.getByRole('alert').textContent).toBe(
      'Din e-mail er ikke medlem af projektet. Bed en ejer eller administrator om at invitere dig.',
    )
    await screen.findByRole('link', { name: 'Log ind med Acme ID' })
    cleanup()
    show('/app/sso/prj_1?error=<script>')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
