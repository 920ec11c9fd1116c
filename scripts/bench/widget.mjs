// `npm run bench -- widget`: builds the widget and prints its gzip sizes against the budget.
import { runnerImport } from 'vite'
import { buildWidget } from '../build.mjs'

buildWidget()

// The same arithmetic as the budget test: widget/sizes.ts, loaded through Vite (node 20 does not
// run TypeScript by itself).
const { module: sizes } = await runnerImport(
  new URL('../../widget/sizes.ts', import.meta.url).pathname,
)
const s = sizes.widgetSizes('dist/public')
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
console.log(`widget.js (loader)          ${kb(s.loader).padStart(9)}   budget 1.50 KB`)
console.log(`UI chunk                    ${kb(s.ui).padStart(9)}`)
console.log(
  `texts in the config         ${Object.entries(s.messages)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ')} bytes`,
)
console.log(`shown (loader+UI+largest)   ${kb(s.shown).padStart(9)}   budget 12.00 KB`)
console.log(`peers: PostHog renderer 48.7 KB, Formbricks ~52 KB, Sprig 22.5 KB (gzip)`)
