// `npm run build`: the widget and the dashboard (Vite) into dist/public, then the worker bundled exactly as
// `wrangler deploy` would upload it (dry run into dist/worker), with its gzip size.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { run } from './lib.mjs'

export function buildWidget() {
  if (existsSync('widget/vite.config.ts'))
    run('npx', ['vite', 'build', '--config', 'widget/vite.config.ts', '--logLevel', 'warn'])
}

/** The npm package @kundepuls/widget into dist/npm (widget/npm/vite.config.ts); pack-widget.mjs packs it. */
export function buildWidgetPackage() {
  run('npx', ['vite', 'build', '--config', 'widget/npm/vite.config.ts', '--logLevel', 'warn'])
}

/** The dashboard (/app) and Swagger UI's files (/docs) into dist/public: dashboard/vite.config.ts. */
export function buildDashboard() {
  if (existsSync('dashboard/vite.config.ts'))
    run('npx', ['vite', 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'])
}

export function buildWorker() {
  run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist/worker'])
  const files = readdirSync('dist/worker').filter((f) => /\.(js|mjs)$/.test(f))
  let raw = 0
  let gz = 0
  for (const f of files) {
    const buf = readFileSync(join('dist/worker', f))
    raw += statSync(join('dist/worker', f)).size
    gz += gzipSync(buf, { level: 9 }).length
  }
  console.log(
    `worker bundle: ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzip (${files.join(', ')})`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWidget()
  buildDashboard()
  buildWorker()
}
