// Reusable harness for browser tests: a real worker (`wrangler dev` on a free port, its own D1
// state, migrations applied), Debian's Chromium through playwright-core, a tiny host-page server
// on another origin, and admin calls to seed tenants. Used by globalSetup and by test files.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { apiClient } from '../../scripts/api-client.mjs'
import { freePort, startDevServer } from '../../scripts/dev-server.mjs'
import { CHROMIUM as DEFAULT_CHROMIUM, CHROMIUM_ARGS } from './chromium-args.mjs'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM
export const hasChromium = existsSync(CHROMIUM)
export const requireBrowser = process.env.KUNDEPULS_REQUIRE_BROWSER === '1'
export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium'
export const ADMIN_TOKEN = 'browser-test-admin-token'

export interface RunningWorker {
  url: string
  stop(): Promise<void>
}

/**
 * What the browser tests' worker runs with besides the admin token: webhooks may reach receivers
 * on 127.0.0.1, secrets are sealed under a test key, and retries come after 1 s instead of the
 * Standard Webhooks schedule (docs/webhooks.md, WEBHOOK_RETRY_SCHEDULE). Like `npm start`, the
 * local mail view and cron clock are on (/dev/mail, /dev/cron) and emails link to the worker.
 */
export const TEST_VARS = {
  WEBHOOKS_ALLOW_LOCAL: 'true',
  ENCRYPTION_KEY: 'YnJvd3Nlci10ZXN0LWtleS0zMi1ieXRlcy1sb25nISE=',
  WEBHOOK_RETRY_SCHEDULE: '0,1,1,1',
}

/** `wrangler dev` on a free port with a fresh, migrated D1; resolves once /health answers. */
export async function startWorker(
  vars: Record<string, string> = TEST_VARS,
): Promise<RunningWorker> {
  const state = mkdtempSync(join(tmpdir(), 'kundepuls-browser-'))
  try {
    const port = await freePort()
    const dev = await startDevServer({
      port,
      persistTo: state,
      migrate: true,
      vars: {
        ADMIN_TOKEN,
        KUNDEPULS_DEV: 'true',
        // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the passkeys' RP ID.
        PUBLIC_URL: `http://localhost:${port}`,
        ...vars,
      },
    })
    const stop = async () => {
      await dev.stop()
      rmSync(state, { recursive: true, force: true })
    }
    return { url: dev.url, stop }
  } catch (err) {
    rmSync(state, { recursive: true, force: true })
    throw err
  }
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })

export interface HostPages {
  url: string
  close(): Promise<void>
}

/** Serves pages (path → HTML, or a function of the request URL) from another origin than the worker. */
export async function hostPages(
  pages: Record<string, string | ((u: URL) => string)>,
): Promise<HostPages> {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://host.invalid')
    const page = pages[u.pathname]
    if (page === undefined) return void res.writeHead(404).end('not found')
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(typeof page === 'function' ? page(u) : page)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  // "localhost" rather than 127.0.0.1: a different origin from the worker's, as on a real site.
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

/** Admin and secret-key calls against a running worker, to seed what a test needs. */
export function workerApi(base: string) {
  const call = (method: string, path: string, token: string, body?: unknown) =>
    apiClient(base, token)(method, path, body)
  return {
    createProject: (name = 'Browser test shop', extra: object = {}) =>
      call('POST', '/v1/projects', ADMIN_TOKEN, { name, ...extra }) as Promise<{
        id: string
        secretKey: string
        identitySecret: string
      }>,
    createSurvey: (secretKey: string, body: object = {}) =>
      call('POST', '/v1/surveys', secretKey, {
        name: 'After purchase',
        kind: 'nps',
        throttleDays: 90,
        ...body,
      }) as Promise<{ id: string }>,
    responses: async (secretKey: string, surveyId: string) =>
      (await call('GET', `/v1/responses?surveyId=${surveyId}`, secretKey)).data as any[],
  }
}
