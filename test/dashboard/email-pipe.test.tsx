import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import Preview from '../../dashboard/pages/email/Preview'
import Sends from '../../dashboard/pages/email/Sends'
import Suppressions from '../../dashboard/pages/email/Suppressions'
import type { EmailSend } from '../../schema/email-sends'
import { fakeFetch, renderApp } from './helpers'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const send = (id: string, over: Partial<EmailSend> = {}): EmailSend => ({
  id,
  state: 'sent',
  kind: 'survey',
  source: 'event',
  email: `${id}@example.com`,
  surveyId: 'srv_test',
  ref: 'order-1',
  scheduledFor: '2026-12-01T09:00:00.000Z',
  sentAt: '2026-12-01T09:00:05.000Z',
  createdAt: '2026-11-29T09:00:00.000Z',
  ...over,
})

describe('the email components', () => {
  it('lists recent sends with state and reason, filters by state and pages with the cursor', async () => {
    const calls = fakeFetch({
      'GET /v1/email/sends': (c: { url: string }) => {
        const u = new URL(c.url, 'http://app.test')
        if (u.searchParams.get('cursor') === 'c1')
          return { data: [send('older')], nextCursor: null }
        if (u.searchParams.get('state') === 'suppressed')
          return {
            data: [send('blocked', { state: 'suppressed', reason: 'unsubscribed' })],
            nextCursor: null,
          }
        return {
          data: [send('a'), send('b', { state: 'skipped', reason: 'cooldown' })],
          nextCursor: 'c1',
        }
      },
    })
    renderApp(<Sends />)
    expect(await screen.findByText('a@example.com')).toBeTruthy()
    expect(screen.getByText('cooldown')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }))
    expect(await screen.findByText('older@example.com')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull()
    fireEvent.change(screen.getByRole('combobox', { name: 'State' }), {
      target: { value: 'suppressed' },
    })
    expect(await screen.findByText('unsubscribed')).toBeTruthy()
    expect(calls.some((c) => c.url.includes('state=suppressed'))).toBe(true)
  })

  it('adds suppressions as a list of addresses and shows only hashes', async () => {
    const hash = 'ab'.repeat(32)
    let stored: { emailHash: string; reason: string; createdAt: string }[] = []
    const calls = fakeFetch({
      'GET /v1/suppressions': () => ({ data: stored, nextCursor: null }),
      'POST /v1/suppressions': () => {
        stored = [{ emailHash: hash, reason: 'imported', createdAt: '2026-12-01T09:00:00.000Z' }]
        return { added: 2, cancelledSends: 1 }
      },
    })
    renderApp(<Suppressions />)
    expect(await screen.findByText('Nobody is suppressed.')).toBeTruthy()
    fireEvent.input(screen.getByRole('textbox'), {
      target: { value: 'ann@example.com\nbo@example.com' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Suppress addresses' }))
    expect(await screen.findByText('2 added; 1 pending sends ended.')).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      addresses: ['ann@example.com', 'bo@example.com'],
    })
    await waitFor(() => expect(screen.getByText(`${hash.slice(0, 12)}…`)).toBeTruthy())
    expect(document.body.textContent).not.toContain('ann@example.com')
  })

  it('hides the suppression form from a read-only key', async () => {
    fakeFetch({ 'GET /v1/suppressions': { data: [], nextCursor: null } })
    renderApp(<Suppressions />, 'read')
    expect(await screen.findByText('Nobody is suppressed.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Suppress addresses' })).toBeNull()
  })

  it('previews the email in the chosen language, light and dark, in sandboxed frames', async () => {
    const calls = fakeFetch({
      'GET /v1/email/preview': (c: { url: string }) => {
        const locale = new URL(c.url, 'http://app.test').searchParams.get('locale')
        return {
          subject: locale === 'da' ? 'Et hurtigt spørgsmål fra Test shop' : 'A quick question',
          html: `<p>${locale}</p>`,
          text: '',
          locale,
        }
      },
    })
    renderApp(<Preview />)
    expect(await screen.findByText('Subject: A quick question')).toBeTruthy()
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), {
      target: { value: 'da' },
    })
    expect(await screen.findByText('Subject: Et hurtigt spørgsmål fra Test shop')).toBeTruthy()
    const frames = document.querySelectorAll('iframe')
    expect(frames).toHaveLength(2)
    for (const f of frames) expect(f.getAttribute('sandbox')).toBe('')
    expect(frames[1]!.getAttribute('style')).toMatch(/color-scheme: ?dark/)
    expect(
      calls.some((c) => c.url.includes('surveyId=srv_test') && c.url.includes('locale=da')),
    ).toBe(true)
  })
})
