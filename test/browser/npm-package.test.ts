// @kundepuls/widget from its packed tarball in a tiny Vite app (test/fixtures/spa), installed
// offline into a temp dir, type-checked, built, and answered in Chromium against the worker.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, ROOT, workerApi } from './harness'

const base = inject('workerUrl')
const BUDGET = 2 * 1024

function run(cmd: string, args: string[], cwd: string): string {
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }

async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    try {
      const body = readFileSync(join(dir, path === '/' ? 'index.html' : path))
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'text/plain' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server }
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

/** Every script a built page loads before anything happens: its entry and what it preloads. */
function scriptsOf(dist: string, html: string): string[] {
  const text = readFileSync(join(dist, html), 'utf8')
  const entry = text.match(/<script type="module"[^>]*src="\/([^"]+)"/)![1]
  const preloads = [...text.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)]
  return [entry, ...preloads.map((m) => m[1])].map((f) => join(dist, f))
}
const total = (files: string[]) => files.reduce((n, f) => n + gz(f), 0)

describe.skipIf(!base)('@kundepuls/widget in a Vite app', () => {
  let dir = ''
  let dist = ''
  let browser: Browser
  let site: { url: string; server: Server }
  const api = workerApi(base)

  beforeAll(async () => {
    const tarball = join(
      ROOT,
      run('node', ['scripts/pack-widget.mjs'], ROOT).trim().split('\n').at(-1)!,
    )
    dir = mkdtempSync(join(tmpdir(), 'kundepuls-spa-'))
    cpSync(join(ROOT, 'test/fixtures/spa'), dir, { recursive: true })
    // Offline: the tarball, and Preact linked from this repo (its only dependency).
    const dependencies = {
      '@kundepuls/widget': `file:${tarball}`,
      preact: `file:${join(ROOT, 'node_modules/preact')}`,
    }
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'fixture-spa', private: true, type: 'module', dependencies }),
    )
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir)
    dist = join(dir, 'dist')
    await build({
      root: dir,
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: dist,
        rolldownOptions: { input: { main: join(dir, 'index.html'), bare: join(dir, 'bare.html') } },
      },
    })
    site = await serve(dist)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => site?.server.close(r))
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('installs from the tarball with ESM and declarations that type-check in the app', () => {
    const pkg = JSON.parse(
      readFileSync(join(dir, 'node_modules/@kundepuls/widget/package.json'), 'utf8'),
    )
    expect(pkg).toMatchObject({
      name: '@kundepuls/widget',
      type: 'module',
      sideEffects: false,
      exports: { '.': { types: './index.d.ts', default: './index.js' } },
    })
    expect(Object.keys(pkg.dependencies)).toEqual(['preact'])
    expect(readdirSync(join(dir, 'node_modules/@kundepuls/widget')).sort()).toEqual([
      'README.md',
      'index.d.ts',
      'index.js',
      'package.json',
      'show-options.d.ts',
      'ui.js',
    ])
    // strict, skipLibCheck false: the package's declarations are checked too.
    run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], dir)
  })

  it(`costs the app at most ${BUDGET} bytes gzip before a survey shows; the UI is its own chunk`, () => {
    // The same app with and without the widget; both load a part of themselves on demand, as
    // most apps do, so Vite's preload helper is in both (an app with no import() of its own gets
    // it with the widget's: about 0.7 KB more).
    const withWidget = scriptsOf(dist, 'index.html')
    const without = scriptsOf(dist, 'bare.html')
    const cost = total(withWidget) - total(without)
    const assets = readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f))
    const ui = assets.filter((f) => readFileSync(f, 'utf8').includes('kundepuls-widget'))
    console.log(
      `@kundepuls/widget in the app's bundle before a survey shows: ${cost} B gzip (app with it ${total(withWidget)} B, without ${total(without)} B); its UI chunk ${ui.map(gz).join(', ')} B gzip, loaded when a survey shows (Preact shared with the app)`,
    )
    expect(cost).toBeLessThanOrEqual(BUDGET)
    expect(ui).toHaveLength(1)
    expect(withWidget).not.toContain(ui[0])
    for (const f of withWidget) expect(readFileSync(f, 'utf8')).not.toContain('attachShadow')
  })

  it('shows a survey only when the app asks, loads the UI then, and the answer reaches the worker', async () => {
    const { secretKey } = await api.createProject('SPA shop')
    const survey = await api.createSurvey(secretKey)
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
    await page.goto(`${site.url}/?base=${encodeURIComponent(base)}&survey=${survey.id}`)
    await page.getByRole('button', { name: 'Add to basket' }).click()
    await page.getByText('Items in basket: 1').waitFor()
    const scripts = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => n.endsWith('.js')),
      )
    const before = await scripts()
    expect(await page.locator('kundepuls-widget').count()).toBe(0)

    await page.locator('#rate').click()
    const region = page.getByRole('region', { name: 'Feedback survey' })
    await region.waitFor()
    expect((await scripts()).length).toBe(before.length + 1) // the UI chunk, only now
    await page.locator('#hide').click()
    await page.locator('kundepuls-widget').waitFor({ state: 'detached' })
    await page.locator('#rate').click()
    await region.getByRole('radio', { name: '9 of 10' }).click()
    await region.locator('textarea').fill('Smooth checkout')
    await region.getByRole('button', { name: 'Send' }).click()
    await region.getByText('Thank you for your feedback!').waitFor()
    await expect
      .poll(async () => (await api.responses(secretKey, survey.id))[0]?.reason)
      .toBe('Smooth checkout')
    const rows = await api.responses(secretKey, survey.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      score: 9,
      category: 'promoter',
      touchpoint: 'checkout',
      channel: 'widget',
      properties: { plan: 'pro', seats: 3, trial: false },
    })
    // The app kept working around it.
    await page.getByRole('button', { name: 'Add to basket' }).click()
    await page.getByText('Items in basket: 2').waitFor()
    expect(problems).toEqual([])
    await context.close()
  })
})
