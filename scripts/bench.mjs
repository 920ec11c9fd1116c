// `npm run bench`: runs every scripts/bench/*.mjs in turn (or only those named: npm run bench -- widget).
import { readdirSync } from 'node:fs'
import { run } from './lib.mjs'

const only = process.argv.slice(2)
const benches = readdirSync(new URL('./bench/', import.meta.url))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
for (const f of benches) {
  console.log(`\n=== bench: ${f} ===`)
  run('node', [`scripts/bench/${f}`])
}
