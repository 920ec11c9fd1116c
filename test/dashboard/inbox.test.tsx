import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Inbox from '../../dashboard/pages/Inbox'
import { navigate } from '../../dashboard/lib/router'
import type { Response } from '../../schema/response'
import { fakeFetch, renderApp } from './helpers'

const answer = (id: string, over: Partial<Response> = {}): Response => ({
  id,
  surveyId: 'srv_test',
  kind: 'nps',
  score: 2,
  category: 'detractor',
  reason: `Reason ${id}`,
  touchpoint: 'delivery',
  ref: null,
  customerId: 'cus_1',
  email: 'ann@example.com',
  properties: {},
  locale: 'en',
  pagePath: null,
  channel: 'widget',
  linkChannel: null,
  contactConsent: true,
  followUp: null,
  note: null,
  test: false,
  createdAt: '2026-11-20T10:00:00.000Z',
  answeredAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...over,
})

beforeEach(() => history.replaceState(null, '', '/app/inbox'))
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the follow-up inbox', () => {
  it('asks for the pending negatives of every survey and shows each with survey, ref, channel and the email of those who consented', async () => {
    const calls = fakeFetch({
      'GET /v1/responses': {
        data: [
          answer('11111111-1111-4111-8111-111111111111', { ref: 'ZD-4711', channel: 'api' }),
          answer('33333333-3333-4333-8333-333333333333', { contactConsent: false, email: null }),
        ],
        nextCursor: null,
      },
    })
    renderApp(<Inbox />)
    await screen.findByText('Reason 11111111-1111-4111-8111-111111111111')
    // The list's request (the follow-up figures card asks /v1/follow-ups/stats as well).
    const list = calls.find((c) => new URL(c.url, 'http://app.test').pathname === '/v1/responses')!
    const query = new URL(list.url, 'http://app.test').searchParams
    expect(Object.fromEntries(query)).toMatchObject({ polarity: 'negative', followUp: 'pending' })
    expect(query.has('surveyId')).toBe(false)
    expect(screen.getByText('ZD-4711')).toBeTruthy()
    expect(screen.getByText('Channel: api')).toBeTruthy()
    expect(screen.getAllByText('After purchase').length).toBeGreaterThanOrEqual(2)
    expect(screen.getByRole('link', { name: 'ann@example.com' })).toBeTruthy()
    expect(screen.getByText('Did not agree to be contacted')).toBeTruthy()
    const [open] = screen.getAllByRole('link', { name: 'Open the answer' })
    expect(open.getAttribute('href')).toBe('/app/responses/11111111-1111-4111-8111-111111111111')
  })

  it('narrows to one survey with its filter, and asks for closed ones in the Closed tab', async () => {
    const calls = fakeFetch({ 'GET /v1/responses': { data: [], nextCursor: null } })
    renderApp(<Inbox />)
    await screen.findByText('Nothing to follow up. Well done.')
    fireEvent.change(screen.getByLabelText('Survey'), { target: { value: 'srv_test' } })
    await waitFor(() => expect(calls.at(-1)!.url).toContain('surveyId=srv_test'))
    // The app's link interceptor (not mounted here) would navigate to the tab's href.
    navigate(screen.getByRole('link', { name: 'Closed' }).getAttribute('href')!)
    await waitFor(() => expect(calls.at(-1)!.url).toContain('followUp=closed'))
    expect(calls.at(-1)!.url).toContain('surveyId=srv_test')
  })

  it('closes a follow-up with its note through PATCH /v1/responses/:id and drops it from the list', async () => {
    const id = '11111111-1111-4111-8111-111111111111'
    const calls = fakeFetch({
      'GET /v1/responses': { data: [answer(id)], nextCursor: null },
      [`PATCH /v1/responses/${id}`]: answer(id, { followUp: 'closed', note: 'Called her' }),
    })
    renderApp(<Inbox />)
    fireEvent.input(await screen.findByLabelText('Note'), { target: { value: 'Called her' } })
    fireEvent.click(screen.getByRole('button', { name: 'Mark as closed' }))
    await waitFor(() => expect(screen.queryByText(`Reason ${id}`)).toBeNull())
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      body: { followUp: 'closed', note: 'Called her' },
    })
    expect(screen.getByRole('status').textContent).toBe('Saved.')
  })

  it('shows a read-only session the answers without any write control', async () => {
    fakeFetch({
      'GET /v1/responses': {
        data: [answer('11111111-1111-4111-8111-111111111111', { note: 'Earlier note' })],
        nextCursor: null,
      },
    })
    renderApp(<Inbox />, 'read')
    await screen.findByText('Reason 11111111-1111-4111-8111-111111111111')
    expect(screen.queryByRole('button', { name: 'Mark as closed' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Save note' })).toBeNull()
    expect(screen.queryByLabelText('Note')).toBeNull()
    expect(document.body.textContent).toContain('Earlier note')
  })
})
