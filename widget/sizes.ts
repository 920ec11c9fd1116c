// The widget's size budget, measured on the build in dist/public (gzip level 9: bytes are
// deterministic). Shared by the budget test and `npm run bench`.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { LOCALES } from '../schema/constants'
import { widgetMessages } from '../schema/widget-messages'

export const BUDGET = { loader: 1.5 * 1024, shown: 12 * 1024 }

const gz = (data: Buffer | string) => gzipSync(data, { level: 9 }).length

export function widgetSizes(publicDir: string) {
  const w = join(publicDir, 'w')
  const ui = readdirSync(w).find((f) => /^ui\.[0-9a-f]+\.js$/.test(f))
  if (!ui) throw new Error(`no UI chunk in ${w}: build the widget first`)
  // The texts of one locale now come inside the survey config; counted as if sent on their own.
  const messages = Object.fromEntries(
    LOCALES.map((l) => [l, gz(JSON.stringify({ messages: widgetMessages(l) }))]),
  )
  const loader = gz(readFileSync(join(publicDir, 'widget.js')))
  const uiSize = gz(readFileSync(join(w, ui)))
  const largestMessages = Math.max(...Object.values(messages))
  // What a visitor downloads when a survey shows: loader, UI chunk, the largest locale's texts.
  return { loader, ui: uiSize, messages, largestMessages, shown: loader + uiSize + largestMessages }
}

/** The npm package's entry (dist/npm, minified) with the files it imports statically: what an
 * app's bundle gets before a survey shows. The peer Preact is the app's own, so not counted. */
export const NPM_ENTRY_BUDGET = 2 * 1024

export function npmEntrySize(npmDir: string) {
  if (!existsSync(join(npmDir, 'index.js')))
    throw new Error(`no index.js in ${npmDir}: build the npm package first (npm run pack:widget)`)
  const files = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const code = readFileSync(join(npmDir, file), 'utf8')
    // Static `import … from './x.js'`, `import './x.js'`, `export … from './x.js'`; a dynamic
    // import( ) is split out by the app's bundler, and bare specifiers are the peer Preact.
    for (const [, spec] of code.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[^'"`()]*?from\s*)?['"`](\.[^'"`]+)['"`]/g,
    ))
      visit(join(file, '..', spec))
  }
  visit('index.js')
  const sizes = Object.fromEntries([...files].map((f) => [f, gz(readFileSync(join(npmDir, f)))]))
  return { files: sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) }
}
