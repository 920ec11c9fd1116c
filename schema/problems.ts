// The closed set of problem codes (RFC 9457 `code`): each code has exactly one HTTP status, so a
// thrower names only the code (`new ApiError('not_found', …)`). Zod-free on purpose: the worker,
// the OpenAPI document (schema/problem.ts) and the dashboard's types all read this one map.
// The anchor is Unkey's `ErrorCode = z.enum([...])` with the status derived from the code.

export const PROBLEMS = {
  validation_failed: { status: 400, about: 'A field is invalid; `errors` lists each one' },
  malformed_request: { status: 400, about: 'The body is not parseable (e.g. broken JSON)' },
  passkey_rejected: {
    status: 400,
    about: "A new passkey's answer did not verify (origin, RP ID, user verification)",
  },
  unauthorized: { status: 401, about: 'Missing, unknown or revoked credentials' },
  signature_invalid: { status: 401, about: 'An inbound call is not signed with its secret' },
  admin_disabled: { status: 403, about: 'No ADMIN_TOKEN is configured on this deployment' },
  publishable_key: { status: 403, about: 'A publishable key where a secret or read key is needed' },
  insufficient_scope: { status: 403, about: 'A read-only key or session tried to change data' },
  origin_mismatch: { status: 403, about: 'A cookie request from another site' },
  insufficient_role: { status: 403, about: "The person's role in this project does not allow it" },
  out_of_scope: { status: 403, about: 'Outside the surveys, touchpoints or segment a member sees' },
  no_project: { status: 403, about: 'The person belongs to no project (yet)' },
  origin_not_allowed: { status: 403, about: "The page's origin is not in allowedOrigins" },
  identity_required: { status: 403, about: 'The project requires customerHash' },
  identity_invalid: { status: 403, about: 'customerHash does not match customerId' },
  edit_token_invalid: { status: 403, about: 'An amendment without the answer’s editToken' },
  amend_window_closed: { status: 403, about: 'An amendment after the 24-hour window' },
  not_found: { status: 404, about: 'Unknown here (or in this project)' },
  method_not_allowed: {
    status: 405,
    about: 'The path is served, but not with this method (see Allow)',
  },
  id_conflict: { status: 409, about: 'The client id is used by another answer' },
  already_answered: { status: 409, about: 'This customer already answered for this ref' },
  customer_throttled: { status: 409, about: 'The customer was contacted within throttleDays' },
  last_full_key: { status: 409, about: 'Revoking the last full key of a project' },
  last_owner: { status: 409, about: 'The last owner cannot leave or be demoted' },
  link_unusable: { status: 410, about: 'A reset or invitation link used, revoked or expired' },
  challenge_unusable: { status: 410, about: 'A passkey challenge used, expired or unknown' },
  too_many_connections: { status: 409, about: 'The per-project help-desk connection limit' },
  too_many_webhooks: { status: 409, about: 'The per-project webhook endpoint limit' },
  too_many_passkeys: { status: 409, about: 'The per-account passkey limit' },
  too_many_rules: { status: 409, about: 'The per-project email rule limit' },
  too_many_programs: { status: 409, about: 'The per-project email program limit' },
  not_signed: { status: 409, about: 'Slack endpoints have no secret to rotate' },
  body_too_large: { status: 413, about: 'The body is larger than the route accepts' },
  unsupported_media_type: { status: 415, about: 'A body that is not application/json' },
  rate_limited: { status: 429, about: 'Too many requests; wait for Retry-After' },
  internal_error: { status: 500, about: 'A fault on our side; nothing was changed' },
  encryption_key_missing: { status: 500, about: 'The deployment has no usable ENCRYPTION_KEY' },
  dashboard_not_built: { status: 503, about: 'The dashboard assets are not built' },
  widget_not_built: { status: 503, about: 'The widget assets are not built' },
} as const satisfies Record<string, { status: number; about: string }>

export type ProblemCode = keyof typeof PROBLEMS
export type ProblemStatus<C extends ProblemCode = ProblemCode> = (typeof PROBLEMS)[C]['status']

const isProblemCode = (k: string): k is ProblemCode => Object.hasOwn(PROBLEMS, k)

/** The codes in the map's order (the OpenAPI enum lists them so). */
export const PROBLEM_CODES: readonly ProblemCode[] = Object.keys(PROBLEMS).filter(isProblemCode)
