// Changing a follow-up: its state (open → contacted → resolved | unreachable), how the customer
// was reached, its owner, its note — each change with its author and time in the history, and
// the answer's legacy columns (follow_up, note) kept in step for PATCH /v1/responses/:id and
// the followup.updated webhook.
import {
  NEXT_STATES,
  legacyFollowUp,
  type FollowUpPatch,
  type FollowUpStep,
} from '../../schema/follow-up'
import { DAY_MS } from '../../schema/constants'
import { actorLabel, type Ctx } from '../context'
import { settingsFor } from '../db/follow-up-settings'
import {
  findFollowUp,
  followUpFromRow,
  listHistory,
  writeFollowUpChange,
  type FollowUpSet,
  type NewEvent,
} from '../db/follow-ups'
import { findMember, OWNER_ROLES } from '../db/loop-members'
import { controlDb } from '../db/resolve'
import { findResponse } from '../db/responses'
import { scheduleSend } from '../email/schedule'
import { notFound, validationError } from '../lib/problem'
import type { FollowUpRow } from '../db/types'

const noFollowUp = () => notFound('Follow-up (only negative answers have one)')

/** The follow-up of an answer with its history; 404 when the answer is not this project's. */
export async function followUpDetail(ctx: Ctx, responseId: string) {
  const row = await findFollowUp(ctx.db, ctx.projectId, responseId)
  if (!row) throw noFollowUp()
  const history = await listHistory(ctx.db, ctx.projectId, responseId)
  return { ...followUpFromRow(row, ctx.now), history }
}

/** The row's changes for a move to `state` (timestamps of first contact and of the end). */
function stateSet(row: FollowUpRow, state: FollowUpStep, at: string): FollowUpSet {
  const set: FollowUpSet = { state }
  // Resolving without a recorded contact still reached the customer: it is the first contact.
  if ((state === 'contacted' || state === 'resolved') && !row.contacted_at) set.contacted_at = at
  set.closed_at = state === 'resolved' || state === 'unreachable' ? at : null
  return set
}

/** Applies a manager's change; validates the move and the owner; answers the new detail. */
export async function changeFollowUp(ctx: Ctx, responseId: string, patch: FollowUpPatch) {
  const row = await findFollowUp(ctx.db, ctx.projectId, responseId)
  if (!row) throw noFollowUp()
  const at = ctx.now.toISOString()
  const actor = actorLabel(ctx.actor)
  const set: FollowUpSet = {}
  const events: NewEvent[] = []
  const response: { follow_up?: 'open' | 'closed'; note?: string | null } = {}
  const blank = { state: null, via: null, owner_id: null, note: null }

  if (patch.state !== undefined && patch.state !== row.state) {
    if (!NEXT_STATES[row.state].includes(patch.state))
      throw validationError([
        { path: 'state', message: `a follow-up cannot go from ${row.state} to ${patch.state}` },
      ])
    Object.assign(set, stateSet(row, patch.state, at))
    response.follow_up = legacyFollowUp(patch.state)
  }
  if (patch.via !== undefined) set.via = patch.via
  if (set.state !== undefined || patch.via !== undefined)
    events.push({
      ...blank,
      at,
      actor,
      change: 'state',
      state: set.state ?? row.state,
      via: set.via ?? row.via,
    })
  if (patch.ownerId !== undefined && patch.ownerId !== row.owner_id) {
    if (patch.ownerId !== null) {
      const member = await findMember(controlDb(ctx.env), ctx.projectId, patch.ownerId)
      if (!member || !OWNER_ROLES.includes(member.role))
        throw validationError([
          { path: 'ownerId', message: 'not a member of this project who may own follow-ups' },
        ])
    }
    set.owner_id = patch.ownerId
    set.assigned_at = at
    events.push({ ...blank, at, actor, change: 'owner', owner_id: patch.ownerId })
  }
  if (patch.note !== undefined) {
    response.note = patch.note
    events.push({ ...blank, at, actor, change: 'note', note: patch.note })
  }
  if (set.state === 'resolved') {
    const reask = await planReask(ctx, row)
    if (reask) {
      set.reask_send_id = reask
      events.push({ ...blank, at, actor: 'system:reask', change: 'reask' })
    }
  }
  if (events.length)
    await writeFollowUpChange(ctx.db, ctx.projectId, responseId, { set, events, response, at })
  return followUpDetail(ctx, responseId)
}

/**
 * PATCH /v1/responses/:id with followUp or note (the API before follow-ups had states): the
 * answer's columns are already written; the follow-up follows — closed → resolved, open → open.
 */
export async function followLegacyPatch(
  ctx: Ctx,
  responseId: string,
  patch: { followUp?: 'open' | 'closed' | null; note?: string | null },
) {
  const row = await findFollowUp(ctx.db, ctx.projectId, responseId)
  if (!row) return
  const at = ctx.now.toISOString()
  const actor = actorLabel(ctx.actor)
  const blank = { state: null, via: null, owner_id: null, note: null }
  const set: FollowUpSet = {}
  const events: NewEvent[] = []
  const target: FollowUpStep | undefined =
    patch.followUp === 'closed' ? 'resolved' : patch.followUp === 'open' ? 'open' : undefined
  if (target && legacyFollowUp(row.state) !== patch.followUp) {
    Object.assign(set, stateSet(row, target, at))
    events.push({ ...blank, at, actor, change: 'state', state: target, via: row.via })
  }
  if (patch.note !== undefined)
    events.push({ ...blank, at, actor, change: 'note', note: patch.note })
  if (events.length)
    await writeFollowUpChange(ctx.db, ctx.projectId, responseId, { set, events, at })
}

/**
 * "Did we fix it?": schedules the re-ask when the rules ask for one and the answer left an
 * address — exactly once per answer (dedupeKey `reask:<id>`), its ref the first answer's id so
 * that the answer it brings links back (0016_loop.sql). Returns the send's id, if any.
 */
async function planReask(ctx: Ctx, row: FollowUpRow): Promise<string | undefined> {
  if (row.reask_send_id) return undefined
  const settings = await settingsFor(ctx.db, ctx.projectId, row.survey_id)
  if (!settings.reaskAfterDays) return undefined
  const answer = await findResponse(ctx.db, ctx.projectId, row.response_id)
  if (!answer?.email) return undefined
  const sent = await scheduleSend(ctx, {
    surveyId: row.survey_id,
    email: answer.email,
    customerId: answer.customerId ?? undefined,
    ref: row.response_id,
    locale: answer.locale ?? undefined,
    source: 'reask',
    dedupeKey: `reask:${row.response_id}`,
    scheduledFor: new Date(ctx.now.getTime() + settings.reaskAfterDays * DAY_MS),
    reminderAfterDays: 0,
  })
  return sent.ok ? sent.id : undefined
}
