// Writing the audit log: `audit(ctx, …)` for named events (sign-ins, from the accounts code) and
// for the middleware that records every state-changing manager call (./middleware.ts).
import type { AuditDetail } from '../../schema/audit'
import { actorLabel, type Ctx } from '../context'
import { insertAudit } from '../db/audit-log'

export interface AuditEvent {
  /** e.g. `sign_in`, `sign_in_failed`, or the route `PATCH /v1/surveys/:id`. */
  action: string
  /** The id acted on (a survey, a key, a user): never an address or a customer's id. */
  target?: string | null
  /** Ids, counts and codes only (schema/audit.ts). */
  detail?: AuditDetail
}

/** Records one entry in the context's project, by the context's actor, at the context's time. */
export async function audit(ctx: Ctx, event: AuditEvent) {
  await insertAudit(ctx.db, {
    id: crypto.randomUUID(),
    project_id: ctx.projectId,
    at: ctx.now.toISOString(),
    actor: actorLabel(ctx.actor),
    action: event.action,
    target: event.target ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
  })
}
