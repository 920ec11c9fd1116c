// The dashboard's first-view budget and its no-zod rule (npm test builds the dashboard first).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DASHBOARD_BUDGET, dashboardSizes } from '../../dashboard/sizes'

const ROOT = join(import.meta.dirname, '../..')
const app = join(ROOT, 'dist/public/app')

describe('dashboard size budget (gzip)', () => {
  it(`keeps the first view's JS (sign-in, overview, uPlot) within ${DASHBOARD_BUDGET.firstViewJs} bytes`, () => {
    const sizes = dashboardSizes(app)
    console.log(`dashboard first view: ${sizes.firstViewJs} B gzip JS (${sizes.files.join(', ')})`)
    expect(sizes.firstViewJs).toBeGreaterThan(10_000) // uPlot alone is ~20 KB: the sum is real
    expect(sizes.firstViewJs).toBeLessThanOrEqual(DASHBOARD_BUDGET.firstViewJs)
  })

  it('ships no zod to the browser and no inline script in the shell', () => {
    const assets = readdirSync(join(app, 'assets')).filter((f) => f.endsWith('.js'))
    expect(assets.length).toBeGreaterThan(3)
    for (const f of assets)
      expect(readFileSync(join(app, 'assets', f), 'utf8'), f).not.toMatch(/ZodError|\$ZodType/)
    const html = readFileSync(join(app, 'index.html'), 'utf8')
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })

  it('imports schema/ modules that hold zod only as types', () => {
    const dir = join(ROOT, 'dashboard')
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.tsx?$/.test(f),
    )
    expect(sources.length).toBeGreaterThan(20)
    for (const f of sources) {
      if (f === 'vite.config.ts' || f === 'sizes.ts') continue
      const text = readFileSync(join(dir, f), 'utf8')
      expect(text, f).not.toMatch(/dangerouslySetInnerHTML|localStorage\.setItem\([^)]*key/i)
      for (const [, what, from] of text.matchAll(/^import (type )?.*from '([^']+)'/gm))
        if (
          /^zod$|schema\/(survey|fields|response|metrics|customers|problem|project|keys|index)$/.test(
            from,
          )
        )
          expect(what, `${f} imports ${from}`).toBe('type ')
    }
  })
})
