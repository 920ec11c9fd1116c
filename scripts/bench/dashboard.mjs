// `npm run bench -- dashboard`: builds the dashboard and prints its first view's gzip size
// against the budget (same arithmetic as dashboard/sizes.ts; node 20 does not run TypeScript).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildDashboard } from '../build.mjs'

buildDashboard()
const app = 'dist/public/app'
const manifest = JSON.parse(readFileSync(join(app, '.vite/manifest.json'), 'utf8'))
const gz = (f) => gzipSync(readFileSync(join(app, f)), { level: 9 }).length
const seen = new Set()
const walk = (key) => {
  const c = manifest[key]
  if (seen.has(c.file)) return
  seen.add(c.file)
  for (const i of c.imports ?? []) walk(i)
}
walk(Object.keys(manifest).find((k) => manifest[k].isEntry))
const first = [...seen].reduce((n, f) => n + gz(f), 0)
const lazy = Object.values(manifest)
  .filter((c) => c.isDynamicEntry && /pages\//.test(c.src))
  .map((c) => `${c.name} ${(gz(c.file) / 1024).toFixed(1)}`)
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
console.log(
  `first view JS (sign-in + overview + uPlot)  ${kb(first).padStart(9)}   budget 60.00 KB`,
)
console.log(`lazy pages (KB gzip): ${lazy.join(', ')}`)
