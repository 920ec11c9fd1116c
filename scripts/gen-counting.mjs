// Writes schema/migrations/0012_counting.sql from worker/db/counting-sql.ts (the counting rules of
// schema/counters.ts as SQL). `--check` only compares and fails when the file is out of date.
// esbuild (a dependency of wrangler and vite) bundles the TypeScript module for Node.
import { readFileSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url)
const target = new URL('schema/migrations/0012_counting.sql', root)
const { outputFiles } = await build({
  entryPoints: [new URL('worker/db/counting-sql.ts', root).pathname],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
})
const source = outputFiles[0].text
const { countingMigration } = await import(
  `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
)
const sql = countingMigration()
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8')
  if (current !== sql) {
    console.error(
      'schema/migrations/0012_counting.sql is out of date: run node scripts/gen-counting.mjs',
    )
    process.exit(1)
  }
  console.log('0012_counting.sql matches its generator')
} else {
  writeFileSync(target, sql)
  console.log(`wrote ${target.pathname}`)
}
