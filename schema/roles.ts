// Roles a person holds in a project (SPEC.md "Accounts and roles"). API keys keep their own
// scopes (schema/constants KEY_SCOPES); a role maps onto one for the manager API's checks.
import { z } from 'zod'
import type { KeyScope } from './constants'

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/** What a member may be limited to; absent fields mean no limit. */
export const MemberLimits = z
  .object({
    surveyIds: z.array(z.string().max(64)).max(100).optional(),
    touchpoints: z.array(z.string().max(64)).max(100).optional(),
    /** A segment value, e.g. `{ property: 'store', value: 'Aarhus' }`: a store manager's store. */
    segment: z.object({ property: z.string().max(64), value: z.string().max(200) }).optional(),
  })
  .strict()
export type MemberLimits = z.infer<typeof MemberLimits>

/** The key scope a role acts with: viewers read, everyone else may write. */
export const scopeOfRole = (role: Role): KeyScope => (role === 'viewer' ? 'read' : 'full')
