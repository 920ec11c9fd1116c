// The audit log (SPEC.md "Accounts and roles"): who did what and when. Entries name people and
// keys by label (worker/context.ts actorLabel) and things by id; `detail` holds ids, counts and
// outcome codes, never an address, a name or a note, so erasing a customer leaves nothing of
// them in the log.
import { z } from 'zod'
import { LIMITS } from './constants'
import { IsoDateTime, Timestamp } from './fields'

export const AuditDetail = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
)
export type AuditDetail = z.infer<typeof AuditDetail>

export const AuditEntry = z
  .object({
    id: z.string(),
    at: Timestamp,
    actor: z.string().meta({ description: 'user:usr_…, key:full, session:full, system:…' }),
    action: z.string().meta({
      description:
        'The route for API calls, e.g. `PATCH /v1/surveys/:id`; named events such as `sign_in`',
    }),
    target: z.string().nullable().meta({ description: 'The id acted on, if any' }),
    detail: AuditDetail.nullable(),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(200).optional(),
  from: IsoDateTime.optional().meta({ description: 'From this instant, inclusive' }),
  to: IsoDateTime.optional().meta({ description: 'Before this instant' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditList = z
  .object({ data: z.array(AuditEntry).max(LIMITS.maxPageSize), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditList' })
