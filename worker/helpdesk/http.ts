// One call to a help desk's API through the shared outbound path (SSRF guard, deadline, bounded
// read), answered as a value or as a CallFailure the retry rules understand.
import { z } from 'zod'
import { HELPDESK_LIMITS } from '../../schema/constants'
import { sendOutbound, type OutboundRequest } from '../lib/outbound-fetch'
import type { OutboundDeps } from '../outbound/messages'
import { parseRetryAfter, type CallFailure } from './rules'

export type DeskResult<T> = { ok: true; value: T } | ({ ok: false } & CallFailure)

export type DeskDeps = Pick<OutboundDeps, 'fetch' | 'allowLocal' | 'timeoutMs' | 'now'>

export interface DeskAnswer {
  status: number
  text: string
}

/** Sends the request; a 2xx (or an allowed status, e.g. 404 meaning "deleted") is an answer. */
export async function deskCall(
  deps: DeskDeps,
  req: OutboundRequest,
  allow: readonly number[] = [],
): Promise<DeskResult<DeskAnswer>> {
  const r = await sendOutbound(
    { ...req, headers: { accept: 'application/json', ...req.headers } },
    {
      fetch: deps.fetch,
      allowLocal: deps.allowLocal,
      timeoutMs: deps.timeoutMs,
      responseBytes: HELPDESK_LIMITS.responseBytes,
    },
  )
  if (r.status !== null && (r.ok || allow.includes(r.status)))
    return { ok: true, value: { status: r.status, text: r.text ?? '' } }
  return {
    ok: false,
    status: r.status,
    error: (r.error ?? 'failed').slice(0, 500),
    retryAfter: parseRetryAfter(r.retryAfter ?? null, deps.now()),
    refused: r.refused,
  }
}

/**
 * Reads a JSON answer with the fields we use (zod drops the rest). An answer of another shape
 * is the help desk's fault, not ours: it is reported as a 502 so that it may be retried.
 */
export function parse<T extends z.ZodType>(schema: T, a: DeskAnswer): DeskResult<z.infer<T>> {
  let body: unknown
  try {
    body = JSON.parse(a.text)
  } catch {
    return { ok: false, status: 502, error: `HTTP ${a.status} with a body that is not JSON` }
  }
  const r = schema.safeParse(body)
  if (r.success) return { ok: true, value: r.data }
  return {
    ok: false,
    status: 502,
    error: `HTTP ${a.status} with an unexpected body: ${r.error.message.slice(0, 200)}`,
  }
}

/** HTTP Basic credentials (RFC 7617), UTF-8. */
export function basic(user: string, password: string) {
  const bytes = new TextEncoder().encode(`${user}:${password}`)
  return `Basic ${btoa(String.fromCharCode(...bytes))}`
}

/** Ids go into URL paths: only digits, as all three help desks number their tickets. */
export const TicketId = z.string().regex(/^[0-9]{1,20}$/)

/** Numbers or strings in, strings out: ids are kept as text everywhere. */
export const IdText = z.union([z.number(), z.string().max(64)]).transform(String)

export const jsonHeaders = (authorization: string) => ({
  authorization,
  'content-type': 'application/json',
  'user-agent': 'Kundepuls-Connector/1.0',
})
