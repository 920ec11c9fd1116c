// The project's people (/v1/members): list, invite, change role or limits, remove; revoke an
// invitation. Everyone in the project sees who belongs to it; owners and admins manage it.
import { createRoute, z } from '@hono/zod-openapi'
import {
  Member,
  MemberInviteCreate,
  MemberInviteCreated,
  MemberList,
  MemberUpdate,
} from '../../schema/accounts'
import { Id } from '../../schema/fields'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedAdmin, securedRead } from '../lib/openapi'
import {
  inviteMember,
  membersOf,
  removeMember,
  revokeMemberInvite,
  updateMember,
} from '../services/members'

const params = z.object({ id: Id })

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The project's members (and, for owners and admins, pending invitations)",
  ...securedRead,
  responses: { 200: jsonContent(MemberList, 'Oldest first'), ...problems(401, 403) },
})

const invite = createRoute({
  method: 'post',
  path: '/',
  summary: 'Invite someone by email with a role (and limits for a member): a single-use link',
  description:
    'The link works once, for 7 days, unless revoked; it is mailed when the project has a ' +
    'mailer (`mailed: true`), otherwise copy `inviteUrl`. Only an owner may invite an owner.',
  ...securedAdmin,
  request: { body: jsonBody(MemberInviteCreate) },
  responses: {
    201: jsonContent(MemberInviteCreated, 'The invitation, with its link once'),
    ...problems(400, 401, 403, 413),
  },
})

const update = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: "Change a member's role or limits (the last owner cannot be demoted)",
  ...securedAdmin,
  request: { params, body: jsonBody(MemberUpdate) },
  responses: { 200: jsonContent(Member, 'Changed'), ...problems(400, 401, 403, 404, 409, 413) },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Remove a member from the project (the last owner cannot leave)',
  ...securedAdmin,
  request: { params },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404, 409) },
})

const revoke = createRoute({
  method: 'delete',
  path: '/invites/{id}',
  summary: 'Revoke an invitation: its link stops working at once',
  ...securedAdmin,
  request: { params },
  responses: { 204: { description: 'Revoked' }, ...problems(401, 403, 404) },
})

export const memberRoutes = createApp()
  .openapi(list, async (c) => c.json(await membersOf(c.var.ctx), 200))
  .openapi(invite, async (c) => {
    const body = await inviteMember(c.var.ctx, c.req.valid('json'), new URL(c.req.url).origin)
    c.header('cache-control', 'no-store')
    return c.json(body, 201)
  })
  .openapi(update, async (c) =>
    c.json(await updateMember(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(remove, async (c) => {
    await removeMember(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(revoke, async (c) => {
    await revokeMemberInvite(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
