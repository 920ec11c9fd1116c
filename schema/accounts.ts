// People signing in as themselves and their membership of projects (SPEC.md "Accounts and roles"):
// /v1/auth (sign-in, sessions, password reset, invitations) and /v1/members.
import { z } from 'zod'
import { PASSWORD_LENGTH } from './constants'
import { Email, Id, Timestamp } from './fields'
import { MemberLimits, Role } from './roles'

const Password = z
  .string()
  .min(PASSWORD_LENGTH.min)
  .max(PASSWORD_LENGTH.max)
  .meta({ description: `${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters` })

export const SignIn = z
  .object({ email: Email, password: z.string().min(1).max(PASSWORD_LENGTH.max) })
  .strict()
  .meta({ id: 'SignIn' })
export type SignIn = z.infer<typeof SignIn>

export const ProjectMembership = z.object({ id: Id, name: z.string(), role: Role })

export const Me = z
  .object({
    user: z.object({ id: Id, email: z.string(), name: z.string() }),
    projects: z.array(ProjectMembership).max(1000),
    /** The project the dashboard acts in (cookie kp_project or header kundepuls-project). */
    projectId: Id.nullable(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'Me' })
export type Me = z.infer<typeof Me>

export const ProjectChoice = z.object({ projectId: Id }).strict().meta({ id: 'ProjectChoice' })

export const UserSession = z
  .object({
    id: Id,
    createdAt: Timestamp,
    lastUsedAt: Timestamp,
    expiresAt: Timestamp,
    userAgent: z.string(),
    current: z.boolean(),
  })
  .meta({ id: 'UserSession' })
export const UserSessionList = z
  .object({ data: z.array(UserSession).max(1000) })
  .meta({ id: 'UserSessionList' })
export type UserSessionList = z.infer<typeof UserSessionList>

export const PasswordResetRequest = z
  .object({ email: Email })
  .strict()
  .meta({ id: 'PasswordResetRequest' })

export const Token = z.string().min(20).max(100)

export const PasswordResetConfirm = z
  .object({ token: Token, password: Password })
  .strict()
  .meta({ id: 'PasswordResetConfirm' })

export const InviteView = z
  .object({
    email: z.string(),
    role: Role,
    project: z.object({ id: Id, name: z.string() }),
    expiresAt: Timestamp,
    /** true when the address already has an account with a password: sign in to accept. */
    hasAccount: z.boolean(),
  })
  .meta({ id: 'InviteView' })
export type InviteView = z.infer<typeof InviteView>

export const InviteAccept = z
  .object({
    token: Token,
    /** A new account sets its password here; an existing one confirms with its password. */
    password: Password,
    name: z.string().trim().max(100).optional(),
  })
  .strict()
  .meta({ id: 'InviteAccept' })

export const MemberInviteCreate = z
  .object({ email: Email, role: Role, limits: MemberLimits.optional() })
  .strict()
  .meta({ id: 'MemberInviteCreate' })
export type MemberInviteCreate = z.infer<typeof MemberInviteCreate>

export const MemberInvite = z
  .object({
    id: Id,
    email: z.string(),
    role: Role,
    limits: MemberLimits.nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'MemberInvite' })
export type MemberInvite = z.infer<typeof MemberInvite>

export const MemberInviteCreated = MemberInvite.extend({
  inviteUrl: z.string().meta({ description: 'Single use; shown once' }),
  mailed: z.boolean().meta({ description: 'Sent by the project mailer; else copy the link' }),
}).meta({ id: 'MemberInviteCreated' })
export type MemberInviteCreated = z.infer<typeof MemberInviteCreated>

export const Member = z
  .object({
    id: Id.meta({ description: "The person's user id" }),
    email: z.string(),
    name: z.string(),
    role: Role,
    limits: MemberLimits.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Member' })
export type Member = z.infer<typeof Member>

export const MemberList = z
  .object({ data: z.array(Member).max(1000), invites: z.array(MemberInvite).max(1000) })
  .meta({ id: 'MemberList' })
export type MemberList = z.infer<typeof MemberList>

export const MemberUpdate = z
  .object({ role: Role.optional(), limits: MemberLimits.nullable().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.limits !== undefined, 'Send role or limits')
  .meta({ id: 'MemberUpdate' })
export type MemberUpdate = z.infer<typeof MemberUpdate>
