// Bindings the worker runs with (wrangler.toml, .dev.vars) and the per-request context.
import type { KeyScope } from '../schema/constants'

export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  ADMIN_TOKEN?: string
  PUBLIC_WRITE_LIMITER?: RateLimit
}

export interface AppEnv {
  Bindings: Env
  Variables: {
    projectId: string
    /** What the caller may do: set by managerAuth (worker/middleware/auth.ts). */
    scope: KeyScope
    /** The dashboard session the call came with; null for a Bearer key. */
    session: { hash: string; expiresAt: string } | null
  }
}
