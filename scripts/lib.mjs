// Shared bits of the npm scripts: quiet, offline wrangler and a checked child process.
import { spawnSync } from 'node:child_process'

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  // No TTY prompts, ever (CI, pipes, non-interactive shells).
  CI: process.env.CI ?? 'true',
  // Vite's config loader nags about extensionless imports in widget/vite.config.ts: harmless.
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: quietEnv, ...opts })
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status})`)
    process.exit(r.status ?? 1)
  }
  return r
}

export function capture(cmd, args) {
  const r = spawnSync(cmd, args, { env: quietEnv, encoding: 'utf8' })
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr)
    process.exit(r.status ?? 1)
  }
  return r.stdout
}
