// One outbound HTTP attempt, the same way for every kind of delivery (webhooks, Slack, help
// desks): the SSRF guard again (rules or settings may have changed since the URL was saved), a
// deadline covering connection and body, redirects returned rather than followed, and at most
// `responseBytes` of the answer read. Help-desk calls also use GET and PUT and read the answer.
import { WEBHOOK_LIMITS } from '../../schema/constants'
import { checkOutboundUrl } from './outbound-url'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface OutboundOptions {
  fetch: FetchLike
  allowLocal: boolean
  timeoutMs?: number
  responseBytes?: number
}

export interface OutboundRequest {
  url: string
  headers: Record<string, string>
  /** Default POST. */
  method?: 'GET' | 'POST' | 'PUT'
  body?: string
}

export interface OutboundResult {
  ok: boolean
  /** HTTP status, or null when no answer came (refused target, network error, timeout). */
  status: number | null
  /** Why it failed (or the start of the receiver's answer), for the delivery log. */
  error: string | null
  /** The target itself is refused: retrying cannot help. */
  refused?: boolean
  /** The answer's body (at most `responseBytes`), for callers that read it. */
  text?: string
  /** The answer's Retry-After header (on 429 and 503). */
  retryAfter?: string | null
}

async function readAtMost(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < max) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  // Whatever is left is not ours to wait for: a receiver may stream forever.
  await reader.cancel().catch(() => undefined)
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) (all.set(c, at), (at += c.byteLength))
  return new TextDecoder().decode(all.subarray(0, max))
}

export async function sendOutbound(
  req: OutboundRequest,
  opts: OutboundOptions,
): Promise<OutboundResult> {
  const check = checkOutboundUrl(req.url, { allowLocal: opts.allowLocal })
  if (!check.ok)
    return { ok: false, status: null, error: `target refused: ${check.reason}`, refused: true }
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_LIMITS.timeoutMs
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const res = await opts.fetch(check.url.toString(), {
      method: req.method ?? 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal,
    })
    // The status decides; a body that stalls or breaks after it changes nothing.
    const text = await readAtMost(res, opts.responseBytes ?? WEBHOOK_LIMITS.responseBytes).catch(
      () => '',
    )
    const answer = { status: res.status, text, retryAfter: res.headers.get('retry-after') }
    if (res.status >= 200 && res.status < 300) return { ok: true, error: null, ...answer }
    if (res.status >= 300 && res.status < 400)
      return { ok: false, error: 'redirect not followed', ...answer }
    return { ok: false, error: text.trim().slice(0, 500) || `HTTP ${res.status}`, ...answer }
  } catch (err) {
    const timedOut = signal.aborted
    const message = timedOut
      ? `timed out after ${timeoutMs} ms`
      : `network error: ${err instanceof Error ? err.message : String(err)}`
    return { ok: false, status: null, error: message.slice(0, 500) }
  }
}
