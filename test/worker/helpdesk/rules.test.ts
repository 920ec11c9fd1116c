// The connector's decisions as pure functions.
import { describe, expect, it } from 'vitest'
import { ConnectionRules } from '../../../schema/connection'
import {
  decide,
  nextStep,
  parseRetryAfter,
  precheck,
  type TicketFacts,
} from '../../../worker/helpdesk/rules'

const rules = ConnectionRules.parse({})
const ticket = (
  over: Partial<TicketFacts> = {},
  requester: Partial<TicketFacts['requester']> = {},
): TicketFacts => ({
  status: 'solved',
  spam: false,
  merged: false,
  tags: [],
  properties: {},
  ...over,
  requester: { id: '1', email: 'a@example.com', isAgent: false, locale: null, ...requester },
})
const reason = (d: ReturnType<typeof decide>) => (d.go ? 'go' : d.reason)

describe('rules', () => {
  it('defaults: skip tag no_survey, 60 minutes', () => {
    expect(rules).toEqual({ skipTags: ['no_survey'], delayMinutes: 60 })
  })

  it('decides go only for a solved, untagged ticket of a customer with an email', () => {
    expect(reason(decide(rules, ticket()))).toBe('go')
    expect(reason(decide(rules, ticket({ status: 'open' })))).toBe('reopened')
    expect(reason(decide(rules, ticket({ status: 'deleted' })))).toBe('deleted')
    expect(reason(decide(rules, ticket({ spam: true })))).toBe('spam')
    expect(reason(decide(rules, ticket({ merged: true, status: 'solved' })))).toBe('merged')
    expect(reason(decide(rules, ticket({ tags: ['No_Survey'] })))).toBe('skip_tag')
    expect(reason(decide(rules, ticket({}, { isAgent: true })))).toBe('agent_requester')
    expect(reason(decide(rules, ticket({}, { email: null })))).toBe('no_email')
    expect(reason(decide({ ...rules, skipTags: [] }, ticket({ tags: ['no_survey'] })))).toBe('go')
  })

  it('prechecks only what the call says; unknown is left to the API check', () => {
    expect(precheck(rules, {}).go).toBe(true)
    expect(reason(precheck(rules, { solved: false }))).toBe('not_solved')
    expect(reason(precheck(rules, { email: null }))).toBe('no_email')
    expect(reason(precheck(rules, { tags: ['x', 'no_survey'] }))).toBe('skip_tag')
  })

  it('after a failed call: 429 waits Retry-After, 5xx and network errors follow the schedule, 4xx and refused targets stop', () => {
    const schedule = [0, 5, 300]
    expect(nextStep({ status: 429, error: '', retryAfter: 42 }, 1, schedule)).toMatchObject({
      type: 'retry',
      delaySeconds: 42,
      reason: 'rate_limited',
    })
    expect(nextStep({ status: 429, error: '' }, 1, schedule)).toMatchObject({
      type: 'retry',
      delaySeconds: 5,
    })
    expect(nextStep({ status: 429, error: '', retryAfter: 999_999 }, 1, schedule)).toMatchObject({
      delaySeconds: 43_200,
    })
    expect(nextStep({ status: 503, error: '' }, 2, schedule)).toMatchObject({
      type: 'retry',
      delaySeconds: 300,
    })
    expect(nextStep({ status: null, error: 'timed out' }, 1, schedule)).toMatchObject({
      type: 'retry',
    })
    expect(nextStep({ status: 500, error: 'x' }, 3, schedule)).toMatchObject({ type: 'stop' })
    expect(nextStep({ status: 422, error: 'RecordInvalid' }, 1, schedule)).toMatchObject({
      type: 'stop',
      detail: 'HTTP 422: RecordInvalid',
    })
    expect(
      nextStep({ status: null, error: 'target refused', refused: true }, 1, schedule),
    ).toMatchObject({ type: 'stop' })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-24T10:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120)
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})
