// The connector's decisions as pure functions: which solved ticket gets a survey, and what to do
// after a failed help-desk call. No I/O here, so every rule is tested directly.
import type { ConnectionRules } from '../../schema/connection'
import type { HelpdeskReason } from '../../schema/constants'
import { retryDelay } from '../outbound/retry'

/** A ticket as the help desk's API shows it when the job runs, in one shape for every desk. */
export interface TicketFacts {
  /** solved: Zendesk solved/closed, Freshdesk Resolved/Closed, Help Scout closed. */
  status: 'solved' | 'open' | 'deleted'
  spam: boolean
  merged: boolean
  tags: string[]
  requester: {
    id: string | null
    email: string | null
    isAgent: boolean
    /** The requester's language in the help desk (a BCP 47 tag), if it has one. */
    locale: string | null
  }
  /** channel, group, agent: what the ticket says, for the answer's properties. */
  properties: Record<string, string>
}

/** What the inbound call itself says; anything absent is left to the API check. */
export interface InboundHints {
  solved?: boolean
  tags?: string[]
  /** null: the call says the requester has no email (an empty placeholder). */
  email?: string | null
}

export type Decision = { go: true } | { go: false; reason: HelpdeskReason; detail: string }

const GO: Decision = { go: true }
const skip = (reason: HelpdeskReason, detail: string): Decision => ({ go: false, reason, detail })

const norm = (t: string) => t.trim().toLowerCase()

function tagRule(rules: ConnectionRules, tags: string[]): Decision {
  const skipTags = new Set(rules.skipTags.map(norm))
  const hit = tags.find((t) => skipTags.has(norm(t)))
  return hit ? skip('skip_tag', `the ticket is tagged "${hit}"`) : GO
}

/** Cheap checks on the inbound call, before a job is made. */
export function precheck(rules: ConnectionRules, hints: InboundHints): Decision {
  if (hints.solved === false) return skip('not_solved', 'the call is not about a solved ticket')
  const tag = tagRule(rules, hints.tags ?? [])
  if (!tag.go) return tag
  if (hints.email === null) return skip('no_email', 'the requester has no email address')
  return GO
}

/** The full decision when the delay is over, on what the help desk's API says now. */
export function decide(rules: ConnectionRules, t: TicketFacts): Decision {
  if (t.status === 'deleted') return skip('deleted', 'the ticket was deleted')
  if (t.spam) return skip('spam', 'the ticket was marked as spam')
  if (t.merged) return skip('merged', 'the ticket was merged into another one')
  if (t.status !== 'solved') return skip('reopened', 'the ticket was re-opened after it was solved')
  const tag = tagRule(rules, t.tags)
  if (!tag.go) return tag
  if (t.requester.isAgent) return skip('agent_requester', 'the requester is an agent')
  if (!t.requester.email) return skip('no_email', 'the requester has no email address')
  return GO
}

/** A help-desk call that did not succeed. */
export interface CallFailure {
  status: number | null
  error: string
  /** Seconds, from the answer's Retry-After. */
  retryAfter?: number | null
  /** The target itself is refused (SSRF guard): retrying cannot help. */
  refused?: boolean
}

export type NextStep =
  | { type: 'retry'; delaySeconds: number; reason: HelpdeskReason }
  | { type: 'stop'; reason: HelpdeskReason; detail: string }

/** Queues delay a message by at most 12 hours. */
const MAX_DELAY_S = 43_200

/**
 * After a failed call, attempt `attempts` (1-based) of the schedule: 429 waits Retry-After,
 * 5xx and network errors retry on the schedule, any other 4xx stops (retrying cannot help).
 */
export function nextStep(f: CallFailure, attempts: number, schedule: readonly number[]): NextStep {
  const detail = f.status ? `HTTP ${f.status}: ${f.error}` : f.error
  if (f.refused) return { type: 'stop', reason: 'helpdesk_error', detail }
  const retryable = f.status === null || f.status === 429 || f.status >= 500
  if (!retryable) return { type: 'stop', reason: 'helpdesk_error', detail }
  const planned = retryDelay(attempts, schedule)
  if (planned === undefined)
    return {
      type: 'stop',
      reason: 'helpdesk_error',
      detail: `${detail}; gave up after ${attempts} attempts`,
    }
  const delay = f.status === 429 ? Math.max(f.retryAfter ?? planned, 1) : planned
  return {
    type: 'retry',
    delaySeconds: Math.min(Math.ceil(delay), MAX_DELAY_S),
    reason: f.status === 429 ? 'rate_limited' : 'helpdesk_error',
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null
  const v = value.trim()
  if (/^\d{1,9}$/.test(v)) return Number(v)
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000))
}
