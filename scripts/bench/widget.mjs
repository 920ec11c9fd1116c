// `npm run bench -- widget`: builds the widget and prints its gzip sizes against the budget.
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { buildWidget } from '../build.mjs'

buildWidget()

// Same arithmetic as widget/sizes.ts (plain JS here: node 20 does not run TypeScript).
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length
const files = readdirSync('dist/public/w')
const loader = gz('dist/public/widget.js')
const ui = gz(`dist/public/w/${files.find((f) => f.startsWith('ui.'))}`)
const locales = files
  .filter((f) => f.startsWith('l-'))
  .map((f) => [f.slice(2, f.indexOf('.')), gz(`dist/public/w/${f}`)])
const largest = Math.max(...locales.map(([, n]) => n))
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
console.log(`widget.js (loader)          ${kb(loader).padStart(9)}   budget 1.50 KB`)
console.log(`UI chunk                    ${kb(ui).padStart(9)}`)
console.log(`locale chunks               ${locales.map(([l, n]) => `${l} ${n}`).join(', ')} bytes`)
console.log(
  `shown (loader+UI+largest)   ${kb(loader + ui + largest).padStart(9)}   budget 12.00 KB`,
)
console.log(`peers: PostHog renderer 48.7 KB, Formbricks ~52 KB, Sprig 22.5 KB (gzip)`)
