// Bindings the worker runs with (wrangler.toml, .dev.vars) and the per-request context.
export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  ADMIN_TOKEN?: string
  PUBLIC_WRITE_LIMITER?: RateLimit
}

export interface AppEnv {
  Bindings: Env
  Variables: { projectId: string }
}
