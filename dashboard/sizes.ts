// The dashboard's first-view budget, measured on the build in dist/public/app (gzip level 9:
// bytes are deterministic). The first view is what a manager downloads to sign in and see the
// overview: the entry chunk and its static imports (uPlot included), not the lazy pages.
// Shared by the budget test; scripts/bench/dashboard.mjs does the same arithmetic in plain JS.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const DASHBOARD_BUDGET = { firstViewJs: 60 * 1024 }

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  css?: string[]
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

export function firstViewFiles(appDir: string): { js: string[]; css: string[] } {
  const manifest: Record<string, ManifestChunk> = JSON.parse(
    readFileSync(join(appDir, '.vite/manifest.json'), 'utf8'),
  )
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
  if (!entry)
    throw new Error(`no entry in ${appDir}/.vite/manifest.json: build the dashboard first`)
  const js = new Set<string>()
  const css = new Set<string>()
  const walk = (key: string) => {
    const chunk = manifest[key]
    if (js.has(chunk.file)) return
    js.add(chunk.file)
    for (const c of chunk.css ?? []) css.add(c)
    for (const i of chunk.imports ?? []) walk(i)
  }
  walk(entry)
  return { js: [...js], css: [...css] }
}

export function dashboardSizes(appDir: string) {
  const { js, css } = firstViewFiles(appDir)
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(join(appDir, f)), 0)
  return { firstViewJs: sum(js), firstViewCss: sum(css), files: js }
}
