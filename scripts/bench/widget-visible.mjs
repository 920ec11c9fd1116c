// `npm run bench -- widget-visible`: how soon the survey is visible in Chromium, this build against
// the previous one (git ref KP_BENCH_BASE, default `main`) in the same run, served by one local
// worker. Median of 15 cold page views each, alternating: requests in series before visible
// (widget.js included, from resource timing) and time from widget.js's end to visible, on the
// local network and with 40 ms of added latency per request (a real network's round trip).
import { spawn, spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { createServer } from 'node:http'
import { createServer as netServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { runnerImport } from 'vite'
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/browser/chromium-args.mjs'
import {
  pageTimings,
  seriesBeforeVisible,
  visibleProbe,
} from '../../test/browser/time-to-visible.mjs'
import { buildWidget } from '../build.mjs'
import { capture, quietEnv, run } from '../lib.mjs'

const ROUNDS = 15
const LATENCY_MS = 40
const ADMIN = 'bench-admin-token'
const ROOT = process.cwd()
const ref = process.env.KP_BENCH_BASE ?? 'main'

const work = mkdtempSync(join(tmpdir(), 'kundepuls-bench-visible-'))
const cleanups = [() => rmSync(work, { recursive: true, force: true })]
const cleanup = () => cleanups.reverse().forEach((f) => f())
process.on('exit', cleanup)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130))

// 1. This build, and the previous one from git (its widget/ and schema/, built with its config).
buildWidget()
const commit = capture('git', ['rev-parse', '--short', ref]).trim()
const prevSrc = join(work, 'prev-src')
mkdirSync(prevSrc)
const archive = spawnSync('git', ['archive', ref, 'widget', 'schema', 'package.json'], {
  maxBuffer: 64 << 20,
})
if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`)
spawnSync('tar', ['-x', '-C', prevSrc], { input: archive.stdout })
symlinkSync(join(ROOT, 'node_modules'), join(prevSrc, 'node_modules'))
run(
  'node',
  [
    join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'widget/vite.config.ts',
    '--logLevel',
    'warn',
  ],
  { cwd: prevSrc },
)

// Their gzip sizes: the loader, and all a visitor downloads when a survey shows (loader, UI chunk,
// and the largest locale's texts: a chunk before, inside the config now, as widget/sizes.ts counts).
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length
const { module: sizes } = await runnerImport(join(ROOT, 'widget/sizes.ts'))
const cur = sizes.widgetSizes(join(ROOT, 'dist/public'))
const prevW = join(prevSrc, 'dist/public/w')
const prevFiles = readdirSync(prevW)
const prevLoader = gz(join(prevSrc, 'dist/public/widget.js'))
const prevUi = gz(
  join(
    prevW,
    prevFiles.find((f) => f.startsWith('ui.')),
  ),
)
const prevLocale = Math.max(
  ...prevFiles.filter((f) => f.startsWith('l-')).map((f) => gz(join(prevW, f))),
)
const sizeLine = (loader, ui, texts) =>
  `loader ${loader} B, UI ${ui} B, largest locale ${texts} B, shown ${loader + ui + texts} B gzip`
console.log(`sizes  previous: ${sizeLine(prevLoader, prevUi, prevLocale)}`)
console.log(`       this:     ${sizeLine(cur.loader, cur.ui, cur.largestMessages)}`)

// 2. One asset dir: this build at /, the previous at /prev/ (module chunks need CORS there too).
const assets = join(work, 'assets')
cpSync(join(ROOT, 'dist/public'), assets, { recursive: true })
cpSync(join(prevSrc, 'dist/public'), join(assets, 'prev'), { recursive: true })
rmSync(join(assets, 'prev/_headers'))
appendFileSync(join(assets, '_headers'), '/prev/w/*\n  Access-Control-Allow-Origin: *\n')

// 3. One worker (this branch's code) on a free port, with its own D1 state.
const freePort = () =>
  new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const state = join(work, 'd1')
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
const [port, inspector] = [await freePort(), await freePort()]
const base = `http://127.0.0.1:${port}`
const dev = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    state,
    '--assets',
    assets,
    '--var',
    `ADMIN_TOKEN:${ADMIN}`,
    '--log-level',
    'error',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'], env: quietEnv, detached: true },
)
// Kept, not printed: closing a page view mid-request makes workerd log broken pipes.
let devLog = ''
dev.stderr.on('data', (d) => (devLog = (devLog + d).slice(-4000)))
cleanups.push(() => {
  try {
    process.kill(-dev.pid, 'SIGTERM')
  } catch {}
})
for (let i = 0; ; i++) {
  if (i > 240) throw new Error(`wrangler dev did not answer within 60 s:\n${devLog}`)
  const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  )
  if (ok) break
  await new Promise((r) => setTimeout(r, 250))
}
const call = async (path, token, body) => {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`)
  return res.json()
}
const { secretKey } = await call('/v1/projects', ADMIN, { name: 'Bench' })
const survey = await call('/v1/surveys', secretKey, { name: 'Bench', kind: 'nps' })

// 4. A host page on another origin, as on a shop: ?v=prev loads the previous build.
const host = createServer((req, res) => {
  const prev = new URL(req.url, 'http://x').searchParams.get('v') === 'prev'
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="da"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head>
<body><main><h1>Tak for din ordre</h1></main>
<script src="${base}${prev ? '/prev' : ''}/widget.js" data-survey="${survey.id}" async></script></body></html>`)
})
await new Promise((r) => host.listen(0, '127.0.0.1', r))
cleanups.push(() => host.close())
const hostUrl = `http://localhost:${host.address().port}/`

// 5. Cold page views, alternating the builds.
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
async function view(build, latency) {
  const context = await browser.newContext()
  const page = await context.newPage()
  if (latency) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
  }
  await page.addInitScript(visibleProbe)
  await page.goto(`${hostUrl}?v=${build}`)
  await page.waitForFunction(() => window.__kpVisible, null, { timeout: 15_000 })
  const result = seriesBeforeVisible(await page.evaluate(pageTimings), base)
  await context.close()
  return result
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
console.log(`previous build: ${ref} (${commit}); ${ROUNDS} cold page views per build and network`)
for (const latency of [0, LATENCY_MS]) {
  const runs = { prev: [], cur: [] }
  for (let i = 0; i < ROUNDS + 1; i++) {
    for (const b of i % 2 ? ['prev', 'cur'] : ['cur', 'prev']) {
      const r = await view(b, latency)
      if (i > 0) runs[b].push(r) // the first round warms the worker up
    }
  }
  const sum = (b) => ({
    series: median(runs[b].map((r) => r.series)),
    ms: median(runs[b].map((r) => r.scriptEndToVisible)),
    chain: runs[b].at(-1).chain.map((p) => p.replace(/\?.*/, '?…')),
  })
  const [p, c] = [sum('prev'), sum('cur')]
  const net = latency ? `+${latency} ms per request` : 'local network'
  console.log(`\n${net}:`)
  console.log(
    `  previous  ${p.series} in series, ${p.ms.toFixed(1)} ms script end → visible  (${p.chain.join(' → ')})`,
  )
  console.log(
    `  this      ${c.series} in series, ${c.ms.toFixed(1)} ms script end → visible  (${c.chain.join(' → ')})`,
  )
  console.log(
    `  ratio this/previous: requests in series ${(c.series / p.series).toFixed(2)}×, time to visible ${(c.ms / p.ms).toFixed(2)}×`,
  )
}
await browser.close()
// The host page server and wrangler would keep node alive: exit, and the exit hook stops them.
process.exit(0)
