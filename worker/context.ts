// One request's context: the tenant, who acts, its database and the clock, built once — by the
// manager auth middleware, by publicSurvey for the public routes, and by a cron or the queue
// consumer from its row or message — and handed to services whole instead of positional lists.
// (Unkey's Hono API builds its per-request services once the same way; CONVENTIONS.md §11.)
import type { KeyScope } from '../schema/constants'
import type { MemberLimits, Role } from '../schema/roles'
import { dbFor } from './db/resolve'
import type { Env } from './env'

/** Who the work is done for: a project's key or dashboard session, a visitor, or the worker. */
export type Actor =
  | { kind: 'key'; keyHash: string; scope: KeyScope }
  | { kind: 'session'; sessionHash: string; scope: KeyScope; expiresAt: string }
  /**
   * A person signed in as themselves (SPEC.md "Accounts and roles"): their role in this project
   * gives the scope; `limits` narrows a member to surveys, touchpoints or a segment value.
   */
  | {
      kind: 'user'
      userId: string
      role: Role
      scope: KeyScope
      limits: MemberLimits | null
      sessionHash: string
    }
  /** A visitor on a customer's page or a survey link (publishable key or none). */
  | { kind: 'public' }
  /** The worker itself: a cron, the queue consumer, a help-desk job. */
  | { kind: 'system'; task: string }

export type PublicActor = Extract<Actor, { kind: 'public' }>

/** An actor the manager API accepts: a project's key or dashboard session, with its scope. */
export type ManagerActor = Extract<Actor, { scope: KeyScope }>

export interface Ctx {
  /** The project's database (worker/db/resolve.ts): D1 itself, so `batch()` keeps working. */
  db: D1Database
  projectId: string
  actor: Actor
  /** The request's clock: one instant for every timestamp the request writes. */
  now: Date
  /** Bindings for what is not the database: queues, secrets, limiters. */
  env: Env
}

export function contextFor<A extends Actor>(
  env: Env,
  projectId: string,
  actor: A,
  now = new Date(),
): Ctx & { actor: A } {
  return { db: dbFor(env, projectId), projectId, actor, now, env }
}

/** The variables a middleware that resolves the context sets (managerAuth, publicSurvey). */
export interface CtxVariables<A extends Actor = Actor> {
  ctx: Ctx & { actor: A }
}

/** Who acted, as the audit log and follow-up history name them: never a secret or a hash of one. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`
    case 'key':
      return `key:${actor.scope}`
    case 'session':
      return `session:${actor.scope}`
    case 'public':
      return 'public'
    case 'system':
      return `system:${actor.task}`
  }
}
