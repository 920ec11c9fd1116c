// One error shape (RFC 9457): every failure leaves the worker as application/problem+json.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { FieldError, type Problem } from '../../schema/problem'
import { PROBLEMS, type ProblemCode } from '../../schema/problems'

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

/** Hono's own exceptions (its validator, @hono/zod-openapi's media-type gate) by status. */
const HTTP_CODES: Partial<Record<number, ProblemCode>> = {
  400: 'malformed_request',
  413: 'body_too_large',
  415: 'unsupported_media_type',
}

/**
 * The one error class: Hono's HTTPException with a code from the closed set (schema/problems.ts,
 * which also fixes its status) and optional field errors. Its `getResponse()` is the
 * problem+json answer, so Hono itself renders it the same way.
 */
export class ApiError extends HTTPException {
  constructor(
    readonly code: ProblemCode,
    detail: string,
    readonly errors?: Problem['errors'],
    readonly headers?: Record<string, string>,
  ) {
    super(PROBLEMS[code].status satisfies ContentfulStatusCode, { message: detail })
  }

  override getResponse(): Response {
    return problemResponse(this.code, this.message, this.errors, this.headers)
  }
}

export const problemType = (code: ProblemCode) => `https://kundepuls.dev/problems/${code}`

export function problemBody(
  code: ProblemCode,
  detail?: string,
  errors?: Problem['errors'],
): Problem {
  const status = PROBLEMS[code].status
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  }
}

export function problemResponse(
  code: ProblemCode,
  detail?: string,
  errors?: Problem['errors'],
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(code, detail, errors)), {
    status: PROBLEMS[code].status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  })
}

/** Cut to the documented maximum (FieldError in schema/problem.ts): a hostile key must not make
 * an answer the schema does not describe. */
const cut = (s: string, max: number | null) =>
  max !== null && s.length > max ? `${s.slice(0, max - 1)}…` : s

export function zodProblems(error: ZodError, prefix?: string): NonNullable<Problem['errors']> {
  return error.issues.slice(0, 100).map((i) => ({
    path: cut(
      [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      FieldError.shape.path.maxLength,
    ),
    message: cut(i.message, FieldError.shape.message.maxLength),
  }))
}

export const validationError = (
  errors: NonNullable<Problem['errors']>,
  detail = 'The request has invalid fields.',
) => new ApiError('validation_failed', detail, errors)

/**
 * A client UUID already stored for another survey or project, or by another author (the edit
 * token does not match): never reveal or touch that row.
 */
export const idConflict = () =>
  new ApiError('id_conflict', 'This id is already used by another answer; make a new UUID.')

/** A changed answer under a stored id, without its edit token: it is safe, and only its author may change it. */
export const answerStored = () =>
  new ApiError(
    'id_conflict',
    'An answer with this id is already stored; changing it needs its edit token (PATCH /v1/public/responses/{id}).',
  )

/** An unproven customer's answer met a stored one for its (survey, customer, ref): reveal nothing of it. */
export const alreadyAnswered = () =>
  new ApiError(
    'already_answered',
    'This customer has already answered for this ref; replacing it needs a valid customerHash.',
  )

/** The same answer whether the id is unknown, the token wrong, or the answer not editable: no oracle. */
export const editTokenInvalid = () =>
  new ApiError(
    'edit_token_invalid',
    'An answer can be amended only with the editToken of the request that created it.',
  )

export const notFound = (what: string) => new ApiError('not_found', `${what} not found.`)

/** app.onError: known errors keep their status; anything else is logged and hidden. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return err.getResponse()
  const code = err instanceof HTTPException ? HTTP_CODES[err.status] : undefined
  if (code) return problemResponse(code, err.message || TITLES[PROBLEMS[code].status])
  // Any other exception (Hono throws none with another status here) has no code of its own.
  console.error('unhandled error', c.req.method, c.req.path, err)
  return problemResponse('internal_error', 'Something went wrong on our side; nothing was changed.')
}
