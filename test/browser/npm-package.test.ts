// @kundepuls/widget from its packed tarball in three Vite apps (test/fixtures/npm): one on Preact 10,
// the same one on Preact 11, and a React app. Each installs the tarball into a temp dir (npm's
// cache serves the registry packages after the first run), type-checks, builds, holds one Preact
// in its bundle, and answers a survey in Chromium against the worker.
import { spawn } from 'node:child_process'
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { build, type Rolldown } from 'vite'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }
import { launchBrowser, ROOT, workerApi } from './harness'

const base = inject('workerUrl')
const BUDGET = 2 * 1024

/** The apps: a fixture folder and what the app itself depends on (the tarball is added). */
const APPS = [
  // The floor of the peer range, so that `^10.19` is a tested claim.
  { name: 'Preact 10', fixture: 'preact', dependencies: { preact: '10.19.0' } },
  { name: 'Preact 11', fixture: 'preact', dependencies: { preact: pkg.dependencies.preact } },
  {
    // React from the registry. The widget's Preact is a peer: npm 7+ would install it on its own;
    // the app lists it, as the package README says, so its version is the app's choice.
    name: 'React',
    fixture: 'react',
    dependencies: {
      react: '19.3.1',
      'react-dom': '19.3.1',
      '@types/react': '19.3.3',
      '@types/react-dom': '19.3.0',
      preact: pkg.dependencies.preact,
    },
  },
]

/** Runs a command; resolves its stdout and stderr apart, rejects with both on a failure. */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  vars = {},
): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ...vars }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve({ stdout, stderr })
        : reject(new Error(`${cmd} ${args.join(' ')}:\n${stdout}\n${stderr}`)),
    )
  })
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

let tarball = ''
let browser: Browser
const work = mkdtempSync(join(tmpdir(), 'kundepuls-npm-'))

beforeAll(async () => {
  if (!base) return
  // Built into the temp dir, not dist/npm, which the widget budget test may read meanwhile.
  const packed = await run('node', ['scripts/pack-widget.mjs'], ROOT, {
    KP_NPM_OUT: join(work, 'npm'),
  })
  tarball = packed.stdout.trim().split('\n').at(-1)!
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  rmSync(work, { recursive: true, force: true })
})

describe.skipIf(!base)('the packed @kundepuls/widget', () => {
  it('passes `npm publish --dry-run` with no warning but the login, and ships the docs its README links to', async () => {
    const out = join(work, 'npm')
    const { stdout, stderr } = await run('npm', ['publish', '--dry-run', '--json'], out)
    const warnings = stderr.split('\n').filter((l) => /^npm warn/i.test(l))
    // No credentials here, nor in CI: npm says so even for a dry run; nothing else may be said.
    expect(warnings.filter((w) => !/requires you to be logged in/.test(w))).toEqual([])
    const files = JSON.parse(stdout)
      ['@kundepuls/widget'].files.map((f: { path: string }) => f.path)
      .sort()
    expect(files).toEqual([
      'README.md',
      'docs/widget.md',
      'index.d.ts',
      'index.js',
      'package.json',
      'show-options.d.ts',
      'ui.js',
    ])
    const readme = readFileSync(join(out, 'README.md'), 'utf8')
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)].map((m) => m[1])
    expect(links).toContain('./docs/widget.md')
    for (const link of links) expect(files, link).toContain(join(link))
  })
})

describe.skipIf(!base).each(APPS)('@kundepuls/widget in a Vite $name app', (app) => {
  let dir = ''
  let dist = ''
  let chunks: Rolldown.OutputChunk[] = []
  let site: { url: string; server: Server }
  const api = workerApi(base)

  beforeAll(async () => {
    dir = join(work, app.name.replace(/\W/g, '-').toLowerCase())
    cpSync(join(ROOT, 'test/fixtures/npm', app.fixture), dir, { recursive: true })
    const dependencies = { ...app.dependencies, '@kundepuls/widget': `file:${tarball}` }
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'fixture-app', private: true, type: 'module', dependencies }),
    )
    const started = performance.now()
    // From npm's cache when it holds these versions; the registry only on a first run.
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      dir,
    )
    const installed = performance.now()
    dist = join(dir, 'dist')
    const result = await build({
      root: dir,
      logLevel: 'warn',
      build: {
        outDir: dist,
        rolldownOptions: { input: { main: join(dir, 'index.html'), bare: join(dir, 'bare.html') } },
      },
    })
    chunks = [result]
      .flat()
      .flatMap((r) => ('output' in r ? r.output : []))
      .filter((o): o is Rolldown.OutputChunk => o.type === 'chunk')
    const built = performance.now()
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    console.log(
      `${app.name}: npm install ${seconds(installed - started)}, vite build ${seconds(built - installed)}`,
    )
    site = await serve(dist)
  }, 180_000)

  afterAll(async () => {
    await new Promise((r) => site?.server.close(r))
  })

  it('installs the tarball with Preact as a peer: one Preact in node_modules, the app’s own', async () => {
    const widget = JSON.parse(
      readFileSync(join(dir, 'node_modules/@kundepuls/widget/package.json'), 'utf8'),
    )
    expect(widget).toMatchObject({
      name: '@kundepuls/widget',
      type: 'module',
      sideEffects: false,
      exports: { '.': { types: './index.d.ts', default: './index.js' } },
      peerDependencies: { preact: '^10.19 || ^11' },
    })
    expect(widget.dependencies).toBeUndefined()
    const installed = await run('npm', ['ls', 'preact', '--all', '--parseable'], dir)
    expect(installed.stdout.trim().split('\n')).toEqual([
      join(realpathSync(dir), 'node_modules/preact'),
    ])
    const preact = JSON.parse(readFileSync(join(dir, 'node_modules/preact/package.json'), 'utf8'))
    expect(preact.version).toBe(app.dependencies.preact)
  })

  it('type-checks the app against the package’s declarations (surveyId required)', async () => {
    // strict, skipLibCheck false: the package's declarations (and the framework's) are checked;
    // main.tsx expects an error where show() is called without a surveyId.
    await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], dir)
  })

  it('bundles one Preact: every Preact module from the one install, its core in one chunk', () => {
    const preactIds = chunks.flatMap((c) =>
      c.moduleIds
        .filter((id) => id.includes('/node_modules/preact/'))
        .map((id) => [c, id] as const),
    )
    const installs = new Set(preactIds.map(([, id]) => id.split('/node_modules/preact/')[0]))
    expect([...installs]).toEqual([realpathSync(dir)])
    const core = preactIds.filter(([, id]) => /\/node_modules\/preact\/dist\/[^/]+$/.test(id))
    expect(core).toHaveLength(1)
    console.log(
      `${app.name}: Preact modules in the bundle: ${preactIds.map(([c, id]) => `${id.split('/node_modules/')[1]} (${c.fileName})`).join(', ')}`,
    )
  })

  it(`costs the app at most ${BUDGET} bytes gzip before a survey shows; the UI is its own chunk`, () => {
    // The same app with and without the widget; both load a part of themselves on demand, as
    // most apps do, so Vite's preload helper is in both.
    const withWidget = scriptsOf(dist, 'index.html')
    const without = scriptsOf(dist, 'bare.html')
    const cost = total(withWidget) - total(without)
    const assets = readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f))
    const ui = assets.filter((f) => readFileSync(f, 'utf8').includes('kundepuls-widget'))
    console.log(
      `${app.name}: @kundepuls/widget in the app's bundle before a survey shows: ${cost} B gzip; its UI chunk ${ui.map(gz).join(', ')} B gzip`,
    )
    expect(cost).toBeLessThanOrEqual(BUDGET)
    expect(ui).toHaveLength(1)
    expect(withWidget).not.toContain(ui[0])
    for (const f of withWidget) expect(readFileSync(f, 'utf8')).not.toContain('attachShadow')
  })

  it('shows a survey only when the app asks, loads the UI then, and the answer reaches the worker', async () => {
    const { secretKey } = await api.createProject(`${app.name} shop`)
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
