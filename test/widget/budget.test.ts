// The size budget of the built widget (npm test builds it first).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGET, NPM_ENTRY_BUDGET, npmEntrySize, widgetSizes } from '../../widget/sizes'
import { ROOT } from './helpers'

const dist = join(ROOT, 'dist/public')

describe('widget size budget (gzip)', () => {
  const sizes = widgetSizes(dist)

  it(`keeps the loader within ${BUDGET.loader} bytes`, () => {
    console.log(
      `widget.js ${sizes.loader} B gzip; loader + UI + largest locale texts ${sizes.shown} B gzip`,
    )
    expect(sizes.loader).toBeLessThanOrEqual(BUDGET.loader)
  })

  it(`keeps everything loaded when a survey shows within ${BUDGET.shown} bytes`, () => {
    expect(sizes.shown).toBeLessThanOrEqual(BUDGET.shown)
  })

  it('ships no locale chunk (the texts come with the config) and no translations or zod in the loader or UI', () => {
    expect(readdirSync(join(dist, 'w'))).toEqual([readdirUi()])
    const loader = readFileSync(join(dist, 'widget.js'), 'utf8')
    expect(loader).not.toMatch(/recommend|anbefale|ZodError|zod/i)
    // A classic script: no static import or export statement.
    expect(loader).not.toMatch(/^\s*(import|export)\s/m)
    const ui = readFileSync(join(dist, 'w', readdirUi()), 'utf8')
    expect(ui).not.toMatch(/recommend|anbefale|ZodError|\$ZodType/)
  })

  it('never imports zod at run time nor uses dangerouslySetInnerHTML in the widget sources', () => {
    const sources = readdirSync(join(ROOT, 'widget'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /^(lib|ui)\/.*\.tsx?$|^(index|loader|npm\/index)\.ts$/.test(f),
    )
    expect(sources.length).toBeGreaterThan(8)
    for (const f of sources) {
      const text = readFileSync(join(ROOT, 'widget', f), 'utf8')
      expect(text, f).not.toMatch(/dangerouslySetInnerHTML/)
      for (const [, what, from] of text.matchAll(/^import (type )?.*from '([^']+)'/gm)) {
        if (
          /zod|schema\/(survey|fields|response|impression|invitation|metrics|customers|problem|project|index)$/.test(
            from,
          )
        )
          expect(what, `${f} imports ${from}`).toBe('type ')
        expect(from, f).toMatch(/^(\.|preact)/)
      }
    }
  })

  it('publishes a versioned copy with long-cache headers and a short cache for /widget.js', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(readFileSync(join(dist, `v/${version}/widget.js`))).toEqual(
      readFileSync(join(dist, 'widget.js')),
    )
    const headers = readFileSync(join(dist, '_headers'), 'utf8')
    expect(headers).toMatch(/\/widget\.js\n\s+Cache-Control: public, max-age=300/)
    expect(headers).toMatch(/\/v\/\*\n\s+Cache-Control: public, max-age=31536000, immutable/)
  })
})

function readdirUi() {
  return readdirSync(join(dist, 'w')).find((f) => f.startsWith('ui.'))!
}

describe('the npm package’s entry (gzip)', () => {
  it(`keeps the minified entry with its static imports within ${NPM_ENTRY_BUDGET} bytes`, () => {
    const entry = npmEntrySize(join(ROOT, 'dist/npm'))
    console.log(`@kundepuls/widget index.js with its static imports: ${entry.total} B gzip`)
    expect(Object.keys(entry.files)).toEqual(['index.js'])
    expect(entry.total).toBeLessThanOrEqual(NPM_ENTRY_BUDGET)
    // Minified: no indentation, no comments (an unminified build of it was 2.6 KB).
    const code = readFileSync(join(ROOT, 'dist/npm/index.js'), 'utf8')
    expect(code).not.toMatch(/^\s+\S|\/\*|^\/\//m)
  })

  it('counts the files the entry imports statically, not what it loads with import()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kundepuls-entry-'))
    try {
      writeFileSync(
        join(dir, 'index.js'),
        'import{a}from"./a.js";import"./b.js";export{c}from"./sub/c.js";import{h}from"preact";const u=()=>import(`./ui.js`)',
      )
      writeFileSync(join(dir, 'a.js'), 'export const a=1')
      writeFileSync(join(dir, 'b.js'), 'console.log(1)')
      mkdirSync(join(dir, 'sub'))
      writeFileSync(join(dir, 'sub/c.js'), 'export{a as c}from"../a.js"')
      writeFileSync(join(dir, 'ui.js'), 'x'.repeat(5000))
      const entry = npmEntrySize(dir)
      expect(Object.keys(entry.files).sort()).toEqual(['a.js', 'b.js', 'index.js', 'sub/c.js'])
      expect(entry.total).toBe(Object.values(entry.files).reduce((a, b) => a + b))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
