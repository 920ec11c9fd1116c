// `npm test`: builds what the tests load, then runs every vitest project once, offline.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

process.env.WRANGLER_SEND_METRICS = 'false'
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_LOG = process.env.WRANGLER_LOG ?? 'warn'

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// wrangler.toml points [assets] at dist/public; the worker tests need it to exist.
mkdirSync('dist/public', { recursive: true })
// The widget tests run against the minified build and check its gzip budget; the browser tests
// load it from wrangler dev. Vite's config loader nags about extensionless imports: harmless.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true'
run('npx', ['vite', 'build', '--config', 'widget/vite.config.ts', '--logLevel', 'warn'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)])
