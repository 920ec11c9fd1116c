// Bindings the worker runs with (wrangler.toml, .dev.vars) and the per-request context.
export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  ADMIN_TOKEN?: string
  /** Public reads (survey config, eligibility, link pages), per route and client address. */
  PUBLIC_READ_LIMITER: RateLimit
  /** Public writes (answers, amendments, impressions, the hosted form), per route and address. */
  PUBLIC_WRITE_LIMITER: RateLimit
}

export interface AppEnv {
  Bindings: Env
  Variables: { projectId: string }
}
