// Calls the worker's own fetch handler in this isolate. SELF.fetch would do the same through
// the pool's loopback, but each call there gets slower as a file's calls add up (~2 ms → ~85 ms
// after 300 calls here; workers-sdk issue #15446), and the fuzzer makes thousands.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import worker from '../../../worker/index'

export interface Answer {
  status: number
  contentType: string | null
  text: string
}

export async function fetchWorker(
  path: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(`http://kundepuls.test${path}`, init), env, ctx)
  const text = await res.text()
  // Work a handler leaves in waitUntil belongs to this request: let it land before we compare.
  await waitOnExecutionContext(ctx)
  return { status: res.status, contentType: res.headers.get('content-type'), text }
}

/** A JSON call that must succeed (for seeding). */
export async function seedCall(
  method: string,
  path: string,
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const a = await fetchWorker(path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  })
  const json: unknown = a.text ? JSON.parse(a.text) : undefined
  return { status: a.status, json }
}
