// Who owns a new follow-up, by the project's rules, in this order: the help-desk agent of the
// ticket the answer came from (when that agent is a member by email), the touchpoint's owner,
// the segment value's owner, then round-robin among the members who may own follow-ups.
import type { FollowUpSettings } from '../../schema/follow-up'

export interface Candidate {
  id: string
  email: string
}

export interface AnswerFacts {
  touchpoint: string | null
  properties: Record<string, unknown>
}

/**
 * The help desks put the ticket's agent in the answer's properties (worker/helpdesk/*.ts); an
 * `agentEmail` property (or an `agent` that is an address) names them by email.
 */
function agentEmailOf(p: Record<string, unknown>): string | undefined {
  for (const key of ['agentEmail', 'agent']) {
    const v = p[key]
    if (typeof v === 'string' && v.includes('@')) return v.toLowerCase()
  }
  return undefined
}

/**
 * The owner's user id, or null when no rule names a member. `lastAssigned` maps each member
 * to when they were last given one: round-robin picks the least recent (never first).
 */
export function pickOwner(
  rules: FollowUpSettings['assign'],
  answer: AnswerFacts,
  members: readonly Candidate[],
  lastAssigned: ReadonlyMap<string, string | null>,
): string | null {
  const isMember = (id: string | undefined) =>
    id !== undefined && members.some((m) => m.id === id) ? id : undefined
  if (rules.helpdeskAgent) {
    const email = agentEmailOf(answer.properties)
    const agent = email && members.find((m) => m.email.toLowerCase() === email)
    if (agent) return agent.id
  }
  const byTouchpoint = answer.touchpoint ? rules.byTouchpoint[answer.touchpoint] : undefined
  if (isMember(byTouchpoint)) return byTouchpoint as string
  if (rules.bySegment) {
    const value = answer.properties[rules.bySegment.property]
    const owner = value === undefined ? undefined : rules.bySegment.values[String(value)]
    if (isMember(owner)) return owner as string
  }
  if (!rules.roundRobin || members.length === 0) return null
  // Least recently assigned first; never assigned counts as oldest; ties keep the members' order.
  let best = members[0]
  for (const m of members.slice(1)) {
    const a = lastAssigned.get(m.id) ?? ''
    const b = lastAssigned.get(best.id) ?? ''
    if (a < b) best = m
  }
  return best.id
}
