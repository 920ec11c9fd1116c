// Bindings the worker runs with (wrangler.toml, .dev.vars). Variables are typed by the middleware
// that sets them (managerAuth, publicSurvey), never globally.
import type { OutboundMessage } from './outbound/messages'
import type { TaskMessage } from './tasks'

export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  ADMIN_TOKEN?: string
  /** Public reads (survey config, eligibility, link pages), per route and client address. */
  PUBLIC_READ_LIMITER: RateLimit
  /** Public writes (answers, amendments, impressions, the hosted form), per route and address. */
  PUBLIC_WRITE_LIMITER: RateLimit
  /** Inbound help-desk calls, per connection and client address. */
  INBOUND_LIMITER: RateLimit
  /** Sign-in, password reset, invitations: per address and per account, before any hash work. */
  AUTH_LIMITER: RateLimit
  /** Test-only: a cheaper scrypt N for password hashes (worker/lib/password.ts). */
  PASSWORD_SCRYPT_N?: string
  /** Outbound deliveries (webhooks, Slack, later help-desk calls) and their dead letters. */
  OUTBOUND: Queue<OutboundMessage>
  OUTBOUND_DLQ: Queue<OutboundMessage>
  /** Cron work, one task a message and a queue invocation (worker/tasks.ts). */
  TASKS: Queue<TaskMessage>
  /** Cloudflare Email Service (wrangler.toml [[send_email]]); absent: nothing is mailed. */
  EMAIL?: SendEmail
  /** The worker's public origin (https://surveys.example.com): links in survey emails. */
  PUBLIC_URL?: string
  /** The sending address of survey emails, team notices and account emails (a domain onboarded to Email Service). */
  EMAIL_FROM?: string
  /** 'true' only under `npm start`: the local mail view and clock (/dev/*). */
  KUNDEPULS_DEV?: string
  /** 32 random bytes, base64: seals webhook secrets and Slack URLs (worker/lib/secret-box.ts). */
  ENCRYPTION_KEY?: string
  /**
   * 'true' only in local development and tests: allows http://127.0.0.1 and localhost targets,
   * for webhooks, help desks and a project's OpenID Connect provider alike (worker/lib/outbound-url.ts).
   */
  WEBHOOKS_ALLOW_LOCAL?: string
  /** Test-only override of the retry schedule, e.g. "0,1,1" (seconds before each attempt). */
  WEBHOOK_RETRY_SCHEDULE?: string
}

export interface AppEnv {
  Bindings: Env
}
