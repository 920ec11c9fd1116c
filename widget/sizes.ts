// The widget's size budget, measured on the build in dist/public (gzip level 9: bytes are
// deterministic). Shared by the budget test and `npm run bench`.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const BUDGET = { loader: 1.5 * 1024, shown: 12 * 1024 }

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

export function widgetSizes(publicDir: string) {
  const w = join(publicDir, 'w')
  const files = readdirSync(w)
  const ui = files.find((f) => /^ui\.[0-9a-f]+\.js$/.test(f))
  if (!ui) throw new Error(`no UI chunk in ${w}: build the widget first`)
  const locales = Object.fromEntries(
    files
      .filter((f) => f.startsWith('l-'))
      .map((f) => [f.slice(2, f.indexOf('.')), gz(join(w, f))]),
  )
  const loader = gz(join(publicDir, 'widget.js'))
  const uiSize = gz(join(w, ui))
  const largestLocale = Math.max(...Object.values(locales))
  // What a visitor downloads when a survey shows: loader, UI chunk, one locale (the largest).
  return { loader, ui: uiSize, locales, largestLocale, shown: loader + uiSize + largestLocale }
}
