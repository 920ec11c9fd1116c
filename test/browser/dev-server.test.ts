// scripts/dev-server.mjs, the one starter of `wrangler dev`: when the worker cannot come up, the
// error says why with the tail of wrangler's log, instead of a bare timeout.
import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startDevServer } from '../../scripts/dev-server.mjs'

describe('startDevServer', () => {
  it('fails with the tail of wrangler’s log when the worker never answers /health', async () => {
    // A port someone else holds: wrangler refuses it and exits.
    const taken = createServer().listen(0, '127.0.0.1')
    await new Promise((r) => taken.once('listening', r))
    const { port } = taken.address() as AddressInfo
    try {
      await expect(startDevServer({ port, timeoutMs: 30_000 })).rejects.toThrow(
        /exited with \d+\. Last lines of its log:\n[\s\S]*Address already in use/,
      )
    } finally {
      taken.close()
    }
  })
})
