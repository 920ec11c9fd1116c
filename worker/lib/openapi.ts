// Small builders for route definitions, so each route file states only what is particular to it.
import type { MiddlewareHandler } from 'hono'
import type { ZodType } from 'zod'
import { Problem } from '../../schema/problem'
import { managerAuth } from '../middleware/auth'
import { limitBody } from '../middleware/body-limit'

export const jsonContent = <T extends ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: the failing fields are listed in `errors`',
  401: 'Missing or unknown credentials',
  403: 'Not allowed (wrong key kind or scope, origin or identity)',
  404: 'Not found in this project',
  409: 'Conflicts with stored data',
  410: 'No longer available',
  413: 'Body too large',
  429: 'Rate limited; see Retry-After',
}

const problemContent = (description: string) => ({
  content: { 'application/problem+json': { schema: Problem } },
  description,
})

export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemContent(PROBLEM_TEXT[s] ?? 'Error')]))
}

/** Problem statuses described for one route (which codes it answers and when). */
export function problemsDescribed(described: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(described).map(([s, description]) => [s, problemContent(description)]),
  )
}

const bodyLimit = limitBody()

/** Either a Bearer key or the dashboard's session cookie (worker/routes/docs.ts names both). */
export const MANAGER_SECURITY: Record<string, string[]>[] = [
  { secretKey: [] },
  { session: [] },
  { userSession: [] },
]

/** The middleware as a tuple, so a route's handler gets the variables each one sets (ctx). */
const chain = <M extends MiddlewareHandler[]>(...middleware: M) => middleware

/** Route options for the manager API: a FULL key (sk_) or full session, small bodies. */
export const secured = {
  middleware: chain(bodyLimit, managerAuth('full')),
  security: MANAGER_SECURITY,
}

/** Route options for managing the project (keys, members, webhooks, connections, settings):
 * owners and admins, or a full key. */
export const securedAdmin = {
  middleware: chain(bodyLimit, managerAuth('admin')),
  security: MANAGER_SECURITY,
}

/** Route options for pure reads: a read key (rk_) or read session is enough. */
export const securedRead = {
  middleware: chain(bodyLimit, managerAuth('read')),
  security: MANAGER_SECURITY,
}
