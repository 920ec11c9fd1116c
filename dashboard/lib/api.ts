// The dashboard's only way to the server: the public manager API, same origin, with the session
// cookie (HttpOnly: this code never sees it). Types come from schema/ as types only.
import type { Problem } from '../../schema/problem'
import { pathOf, type Answer, type Operation, type Request } from './endpoints'
import type { ProblemCode } from '../../schema/problems'

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The server's closed code, or `http_<status>` when the answer was no problem+json. */
    readonly code: ProblemCode | `http_${number}`,
    detail: string,
    readonly errors: NonNullable<Problem['errors']> = [],
  ) {
    super(
      errors.length
        ? `${detail} ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`
        : detail,
    )
  }
}

/** Called when the server says the session is over (401): the app shows the sign-in again. */
let onSignedOut = () => {}
export const setSignedOutHandler = (f: () => void) => {
  onSignedOut = f
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const body: Partial<Problem> = await res.json().catch(() => ({}))
  return new ApiProblem(
    res.status,
    body.code ?? `http_${res.status}`,
    body.detail ?? res.statusText,
    body.errors,
  )
}

/** A 401 from these is a wrong key or password, or a key's session asking for a person's page:
 * not a session that ended. */
const SIGN_IN_PATHS = new Set([
  '/v1/sessions',
  '/v1/auth/sign-in',
  '/v1/auth/passkeys/sign-in',
  '/v1/auth/invites/accept',
  '/v1/auth/me',
  '/v1/auth/sessions',
])

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) {
    const problem = await problemOf(res)
    if (res.status === 401 && !SIGN_IN_PATHS.has(path)) onSignedOut()
    throw problem
  }
  return res
}

/** The answer, typed by the schema its route declares (schema/, as types). The browser carries
 * no zod (size budget), so this is the one place where JSON meets a type unchecked. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body)
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T)
}

export const get = <T>(path: string) => api<T>('GET', path)

/** A call's request is optional where the operation has nothing required to send. */
type Args<K extends Operation> =
  {} extends Request<K> ? [request?: Request<K>] : [request: Request<K>]

interface Parts {
  params?: Record<string, string>
  query?: Record<string, string | number | undefined | null>
  body?: unknown
}

/**
 * One operation of the manager API (dashboard/lib/endpoints.ts), typed end to end:
 * `call('GET /v1/metrics', { query: { surveyId, groupBy: 'week' } })` answers a `Metrics`.
 */
export function call<K extends Operation>(op: K, ...args: Args<K>): Promise<Answer<K>>
export function call(op: Operation, r: Parts = {}): Promise<unknown> {
  const method = op.slice(0, op.indexOf(' '))
  return api(method, pathOf(op, r.params) + qs(r.query ?? {}), r.body)
}

/** A query string from the defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}
