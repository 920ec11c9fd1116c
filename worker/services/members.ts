// Who belongs to a project and with which role (SPEC.md "Accounts and roles"): invitations by
// email (single use, expiring, revocable), role changes and removal. Owners and admins manage
// members; only an owner (or a full key) makes owners; the last owner cannot leave or be demoted.
import { MEMBER_INVITE_TTL_MS } from '../../schema/constants'
import type {
  InviteView,
  Member,
  MemberInvite,
  MemberInviteCreate,
  MemberInviteCreated,
  MemberList,
  MemberUpdate,
} from '../../schema/accounts'
import { MemberLimits, type Role } from '../../schema/roles'
import { actorLabel, type Ctx, type ManagerActor } from '../context'
import type { Env } from '../env'
import { toStatement } from '../db/client'
import {
  consumeInviteQuery,
  findLiveInvite,
  insertMemberInvite,
  listLiveInvites,
  revokeInvite,
} from '../db/member-invites'
import { findProjectSummary } from '../db/projects'
import { controlDb } from '../db/resolve'
import type { MemberInviteRow, UserRow } from '../db/types'
import {
  deleteMembershipKeepingAnOwner,
  findMembership,
  findUserByEmail,
  insertMembershipQuery,
  insertUser,
  listMembers,
  setPasswordHash,
  setRoleKeepingAnOwner,
  updateMembership,
} from '../db/users'
import { sendNotice } from '../email/notice'
import { sha256Hex } from '../lib/crypto'
import { newId, newSessionId } from '../lib/ids'
import { hashPassword, scryptParams, verifyPassword } from '../lib/password'
import { ApiError, notFound } from '../lib/problem'
import { startUserSession } from './accounts'

type ManagerCtx = Ctx & { actor: ManagerActor }

const parseLimits = (json: string | null) => (json ? MemberLimits.parse(JSON.parse(json)) : null)

/** Owners, and full keys (the machines' and the project creator's credential), act as owners. */
const actsAsOwner = (actor: ManagerActor) => actor.kind !== 'user' || actor.role === 'owner'

const onlyOwners = () =>
  new ApiError('insufficient_role', 'Only an owner may make, change or remove an owner.')
const lastOwner = () =>
  new ApiError('last_owner', 'The last owner cannot leave or be demoted; make another owner first.')

const inviteOf = (r: MemberInviteRow): MemberInvite => ({
  id: r.id,
  email: r.email,
  role: r.role,
  limits: parseLimits(r.limits),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
})

export async function membersOf(ctx: ManagerCtx): Promise<MemberList> {
  const db = controlDb(ctx.env)
  const rows = await listMembers(db, ctx.projectId)
  const data: Member[] = rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    limits: parseLimits(r.limits),
    createdAt: r.created_at,
  }))
  // Pending invitations are for those who manage members.
  const manages = ctx.actor.kind !== 'user' || ['owner', 'admin'].includes(ctx.actor.role)
  const invites = manages ? await listLiveInvites(db, ctx.projectId, ctx.now.toISOString()) : []
  return { data, invites: invites.map(inviteOf) }
}

/** Creates a single-use invitation and mails it when a mailer is configured. */
export async function inviteMember(
  ctx: ManagerCtx,
  input: MemberInviteCreate,
  origin: string,
): Promise<MemberInviteCreated> {
  if (input.role === 'owner' && !actsAsOwner(ctx.actor)) throw onlyOwners()
  const db = controlDb(ctx.env)
  const token = newSessionId()
  const row: MemberInviteRow = {
    id: newId('inv'),
    hash: await sha256Hex(token),
    project_id: ctx.projectId,
    email: input.email,
    role: input.role,
    limits: input.role === 'member' && input.limits ? JSON.stringify(input.limits) : null,
    invited_by: actorLabel(ctx.actor),
    created_at: ctx.now.toISOString(),
    expires_at: new Date(ctx.now.getTime() + MEMBER_INVITE_TTL_MS).toISOString(),
    used_at: null,
    revoked_at: null,
  }
  await insertMemberInvite(db, row)
  // The token rides in the fragment: never sent to a server, a log or a Referer.
  const inviteUrl = `${origin}/app/invite#token=${token}`
  const project = await findProjectSummary(db, ctx.projectId)
  const name = project?.name ?? 'a project'
  const sent = await sendNotice(ctx.env, input.email, {
    subject: `You are invited to ${name} on Kundepuls`,
    paragraphs: [`You are invited to join ${name} on Kundepuls as ${input.role}.`],
    link: { href: inviteUrl, text: 'Accept the invitation within 7 days' },
  })
  return { ...inviteOf(row), inviteUrl, mailed: sent.ok }
}

export async function revokeMemberInvite(ctx: ManagerCtx, id: string) {
  if (!(await revokeInvite(controlDb(ctx.env), ctx.projectId, id, ctx.now.toISOString())))
    throw notFound('Invitation')
}

export async function updateMember(
  ctx: ManagerCtx,
  userId: string,
  patch: MemberUpdate,
): Promise<Member> {
  const db = controlDb(ctx.env)
  const target = await findMembership(db, ctx.projectId, userId)
  if (!target) throw notFound('Member')
  const touchesOwner = target.role === 'owner' || patch.role === 'owner'
  if (touchesOwner && !actsAsOwner(ctx.actor)) throw onlyOwners()
  if (patch.role !== undefined && patch.role !== target.role) {
    if (!(await setRoleKeepingAnOwner(db, ctx.projectId, userId, patch.role))) throw lastOwner()
  }
  // Limits narrow members only; a role change away from member drops them.
  const role: Role = patch.role ?? target.role
  const wanted =
    patch.limits === undefined ? target.limits : patch.limits && JSON.stringify(patch.limits)
  const limits = role === 'member' ? wanted : null
  if (limits !== target.limits) await updateMembership(db, ctx.projectId, userId, { limits })
  const after = (await membersOf(ctx)).data.find((m) => m.id === userId)
  if (!after) throw notFound('Member')
  return after
}

export async function removeMember(ctx: ManagerCtx, userId: string) {
  const db = controlDb(ctx.env)
  const target = await findMembership(db, ctx.projectId, userId)
  if (!target) throw notFound('Member')
  if (target.role === 'owner' && !actsAsOwner(ctx.actor)) throw onlyOwners()
  if (!(await deleteMembershipKeepingAnOwner(db, ctx.projectId, userId))) throw lastOwner()
}

const unusable = () =>
  new ApiError('link_unusable', 'This invitation was used, revoked, has expired or is unknown.')

export async function lookupInvite(env: Env, token: string, now: Date): Promise<InviteView> {
  const db = controlDb(env)
  const invite = await findLiveInvite(db, await sha256Hex(token), now.toISOString())
  if (!invite) throw unusable()
  const user = await findUserByEmail(db, invite.email)
  return {
    email: invite.email,
    role: invite.role,
    project: { id: invite.project_id, name: invite.project_name },
    expiresAt: invite.expires_at,
    hasAccount: Boolean(user?.password_hash),
  }
}

/**
 * Uses a live invitation once: the person joins with its role and limits, and is created (without
 * a password) when the address has no account yet. Shared by the invitation link and by single
 * sign-on (worker/oidc/flow.ts), whose provider has proven the invited address.
 */
export async function redeemInvite(
  db: D1Database,
  invite: MemberInviteRow,
  existing: UserRow | undefined,
  name: string,
  at: string,
): Promise<UserRow> {
  const consumed = await toStatement(db, consumeInviteQuery(db, invite.id, at)).run()
  if (consumed.meta.changes !== 1) throw unusable()
  let user = existing
  if (!user) {
    user = { id: newId('usr'), email: invite.email, name, created_at: at, password_hash: null }
    await insertUser(db, user)
  }
  await toStatement(
    db,
    insertMembershipQuery(db, {
      project_id: invite.project_id,
      user_id: user.id,
      role: invite.role,
      limits: invite.limits,
      created_at: at,
    }),
  ).run()
  return user
}

/**
 * Joins the project: a new person sets their password, one with an account confirms with theirs.
 * The invitation is marked used in the statement that checks it is live, so it works once.
 */
export async function acceptInvite(
  env: Env,
  input: { token: string; password: string; name?: string },
  userAgent: string,
  now: Date,
) {
  const db = controlDb(env)
  const at = now.toISOString()
  const invite = await findLiveInvite(db, await sha256Hex(input.token), at)
  if (!invite) throw unusable()
  let user = await findUserByEmail(db, invite.email)
  if (user?.password_hash) {
    if (!(await verifyPassword(input.password, user.password_hash)))
      throw new ApiError('unauthorized', 'Wrong password for this account.')
  }
  user = await redeemInvite(db, invite, user, input.name ?? '', at)
  if (!user.password_hash)
    await setPasswordHash(db, user.id, await hashPassword(input.password, scryptParams(env)))
  return {
    user,
    projectId: invite.project_id,
    ...(await startUserSession(env, user.id, userAgent, now)),
  }
}
