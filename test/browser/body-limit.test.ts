// worker/middleware/body-limit.ts against a real `wrangler dev`: a chunked body (no
// Content-Length) refused for its size must leave the worker able to take the next request.
// Only the real dev proxy shows it (issue 17.4: the next POST got 503 "worker restarted
// mid-request"), so this is a node-side test in the browser project, on its shared worker.
import { request } from 'node:http'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { LIMITS } from '../../schema/constants'
import { workerApi } from './harness'

const base = inject('workerUrl')
let surveyId: string
let secretKey: string

/** POSTs `total` bytes in chunks of `chunk` with Transfer-Encoding: chunked, as node sends them. */
function postChunked(path: string, chunk: number, total: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    // The worker may answer and close before the whole body went out: that is fine.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)))
    const piece = Buffer.alloc(chunk, 'a')
    const write = (sent: number) => {
      if (sent >= total) return void req.end()
      if (req.destroyed) return
      req.write(piece, () => write(sent + chunk))
    }
    write(0)
  })
}

describe.skipIf(!base)('a body over the limit sent in chunks', () => {
  beforeAll(async () => {
    const api = workerApi(base)
    secretKey = (await api.createProject('Body limit shop')).secretKey
    surveyId = (await api.createSurvey(secretKey)).id
  })

  for (const kb of [1, 4, 16]) {
    it(`is refused with 413 (${kb} KB chunks), and the next answer is still stored`, async () => {
      const big = await postChunked('/v1/public/responses', kb * 1024, LIMITS.bodyBytes * 4)
      expect(big.status, big.body).toBe(413)
      expect(JSON.parse(big.body).code).toBe('body_too_large')

      const id = crypto.randomUUID()
      const res = await fetch(`${base}/v1/public/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, surveyId, score: 9 }),
      })
      expect(res.status, await res.clone().text()).toBe(201)
      const stored = await workerApi(base).responses(secretKey, surveyId)
      expect(stored.map((r) => r.id)).toContain(id)
    })
  }
})
