// GET /app and every deep link under it: the dashboard's HTML shell (a single-page app built by
// dashboard/vite.config.ts into dist/public/app). wrangler.toml routes /app and /app/* here first
// (run_worker_first) so a reload of /app/inbox gets the shell, with the CSP set in one place;
// the hashed files under /app/assets/ are served straight from the assets.
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { createApp } from '../lib/app'
import { problemResponse } from '../lib/problem'

/** Only our own files; uPlot and Preact style through the CSSOM, which CSP does not govern. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

async function shell(c: Context<AppEnv>) {
  // wrangler.toml sends /app/assets/* straight to the assets; should a runtime route one here
  // (the vitest pool does), it is still the file, never the shell.
  if (c.req.path.startsWith('/app/assets/') && c.env.ASSETS) return c.env.ASSETS.fetch(c.req.raw)
  const res = await c.env.ASSETS?.fetch(new URL('/app/', c.req.url))
  if (!res || res.status !== 200)
    return problemResponse(
      'dashboard_not_built',
      'The dashboard is not built: run `npm run build` (npm start and npm test do it).',
    )
  return new Response(res.body, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': DASHBOARD_CSP,
      'cache-control': 'no-cache',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
    },
  })
}

export const dashboardRoutes = createApp().get('/', shell).get('/*', shell)
