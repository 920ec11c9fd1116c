// `npm run bench -- widget-visible`: the side-by-side figure of issue 21 in one run. Kundepuls (this
// build, on a live local `wrangler dev`) against the survey renderers of the peers' PUBLISHED
// packages, fetched from the npm registry at bench time into a temp dir (exact versions below):
// PostHog's preview renderer (posthog-js dist/surveys-preview.js) and Formbricks' surveys package
// (@formbricks/surveys, its UMD bundle). Each shows an NPS survey on a host page of another
// origin; the peers' scripts come from a third origin, as from a CDN. Median of 15 cold page views
// each, interleaved, from the end of the first widget script to the score 9 visible
// (test/browser/time-to-visible.mjs optionProbe): the breakdown (config answered, UI chunk loaded,
// scale in the DOM, visible), then the same at 4× CPU throttling with the main thread's script
// time before visible (from a Chromium trace) and its long tasks.
// KP_BENCH_ROUNDS overrides 15; KP_BENCH_TRACE=dir writes one trace per widget at 4× there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/browser/chromium-args.mjs'
import { optionProbe } from '../../test/browser/time-to-visible.mjs'
import { buildWidget } from '../build.mjs'
import { capture, run } from '../lib.mjs'
import { startDevServer } from '../dev-server.mjs'

const ROUNDS = Number(process.env.KP_BENCH_ROUNDS ?? 15)
const TRACE_DIR = process.env.KP_BENCH_TRACE
const PROFILE = process.env.KP_BENCH_PROFILE === '1'
/** KP_BENCH_ONLY=kundepuls,posthog: only these widgets (for a trace or profile). */
const ONLY = process.env.KP_BENCH_ONLY?.split(',')
const ADMIN = 'bench-admin-token'
const ROOT = process.cwd()
/** Pinned: the figure must not move because a peer published. */
const PEERS = { posthog: 'posthog-js@1.449.2', formbricks: '@formbricks/surveys@1.99.0' }

const work = mkdtempSync(join(tmpdir(), 'kundepuls-bench-peers-'))
const cleanups = [() => rmSync(work, { recursive: true, force: true })]
process.on('exit', () => cleanups.reverse().forEach((f) => f()))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130))

// 1. This build, and the peers' packages as published (npm pack: no install, no scripts run).
buildWidget()
const pkgDir = join(work, 'peers')
mkdirSync(pkgDir)
const packed = capture('npm', [
  'pack',
  ...Object.values(PEERS),
  '--silent',
  '--pack-destination',
  pkgDir,
])
  .trim()
  .split('\n')
const unpacked = {}
for (const [name, spec] of Object.entries(PEERS)) {
  const tgz = packed.find((f) =>
    f.startsWith(spec.replace(/^@/, '').replace('/', '-').replace('@', '-')),
  )
  if (!tgz) throw new Error(`npm pack did not fetch ${spec}: ${packed.join(', ')}`)
  unpacked[name] = join(pkgDir, name)
  mkdirSync(unpacked[name])
  run('tar', ['-xzf', join(pkgDir, tgz), '-C', unpacked[name]])
}
const PEER_FILES = {
  posthog: join(unpacked.posthog, 'package/dist/surveys-preview.js'),
  formbricks: join(unpacked.formbricks, 'package/dist/index.umd.js'),
}

// 2. The worker on a free port, with its own D1 state, and a survey to show.
const state = join(work, 'd1')
// Ours on the live worker, with migrated local D1 (scripts/dev-server.mjs: it also stops the
// worker when this process exits).
const dev = await startDevServer({
  persistTo: state,
  migrate: true,
  vars: { ADMIN_TOKEN: ADMIN },
  logLevel: 'error',
})
const base = dev.url
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

// 3. The peers' files from their own origin (a CDN), and the host pages from another.
const listen = async (handler) => {
  const server = createServer(handler)
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  cleanups.push(() => server.close())
  return server.address().port
}
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8' }
const cdnPort = await listen((req, res) => {
  const name = normalize(new URL(req.url, 'http://x').pathname).split('/')[1]
  const file = PEER_FILES[name]
  if (!file) return void res.writeHead(404).end()
  res
    .writeHead(200, {
      'content-type': TYPES[extname(file)],
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    })
    .end(readFileSync(file))
})
const cdn = `http://127.0.0.1:${cdnPort}`
const QUESTION = 'Hvor sandsynligt er det, at du vil anbefale os til en ven?'
const posthogSurvey = {
  id: 'bench',
  name: 'Bench',
  type: 'popover',
  questions: [
    {
      type: 'rating',
      question: QUESTION,
      display: 'number',
      scale: 10,
      lowerBoundLabel: 'Slet ikke sandsynligt',
      upperBoundLabel: 'Meget sandsynligt',
    },
  ],
  appearance: {},
}
// @formbricks/surveys 1.x: texts are plain strings.
const formbricksSurvey = {
  id: 'bench',
  name: 'Bench',
  type: 'web',
  status: 'inProgress',
  welcomeCard: { enabled: false, timeToFinish: false },
  questions: [
    {
      id: 'nps',
      type: 'nps',
      headline: QUESTION,
      lowerLabel: 'Slet ikke sandsynligt',
      upperLabel: 'Meget sandsynligt',
      required: true,
      logic: [],
    },
  ],
  thankYouCard: { enabled: true, headline: 'Tak!' },
  hiddenFields: { enabled: false, fieldIds: [] },
  styling: {},
}
const page = (body) => `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head>
<body><main><h1>Tak for din ordre</h1></main>${body}</body></html>`
const PAGES = {
  kundepuls: page(
    `<script src="${base}/widget.js?survey=${survey.id}" data-survey="${survey.id}" async></script>`,
  ),
  // Today's snippet (no ?survey=): the loader asks for the config.
  'kundepuls-plain': page(
    `<script src="${base}/widget.js" data-survey="${survey.id}" async></script>`,
  ),
  posthog: page(`<div id="ph"></div><script type="module">
import { renderSurveysPreview } from '${cdn}/posthog/surveys-preview.js'
renderSurveysPreview({ survey: ${JSON.stringify(posthogSurvey)}, parentElement: document.getElementById('ph'), previewPageIndex: 0 })
</script>`),
  formbricks:
    page(`<script src="${cdn}/formbricks/index.umd.js" async onload="formbricksSurveys.renderSurveyModal({
  survey: ${JSON.stringify(formbricksSurvey).replaceAll('"', '&quot;')}, brandColor: '#4338ca', isBrandingEnabled: false,
  placement: 'bottomRight', darkOverlay: false, clickOutside: false, highlightBorderColor: null,   onDisplay() {}, onResponse() {}, onClose() {}, onFinished() {}, onRetry() {}, getSetIsError() {},
  getSetIsResponseSendingFinished() {}, onActiveQuestionChange() {}, onFileUpload: async () => '' })"></script>`),
}
/** Where the first widget script comes from, and how to find the score 9. */
const WIDGETS = {
  kundepuls: { script: /\/widget\.js/, selector: '[role=radio]', origin: base },
  'kundepuls-plain': { script: /\/widget\.js/, selector: '[role=radio]', origin: base },
  posthog: { script: /\/posthog\//, selector: 'button', origin: cdn },
  formbricks: { script: /\/formbricks\//, selector: 'label, button', origin: cdn },
}
const hostPort = await listen((req, res) => {
  const name = new URL(req.url, 'http://x').pathname.slice(1)
  if (!PAGES[name]) return void res.writeHead(404).end()
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGES[name])
})
const host = `http://localhost:${hostPort}`

// 4. Cold page views (a new browser context each: nothing cached), interleaved.
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
// Trace events that run script on the main thread (DevTools' "Scripting"), and those that are
// rendering even when a script forces them.
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'RunMicrotasks',
  'v8.run',
])
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'ParseAuthorStyleSheet'])

/** Script time on the page's main thread before the `kp-visible` mark, nested events once. */
function scriptBeforeVisible(events) {
  const mainTids = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const mark = events.find((e) => e.name === 'kp-visible')
  if (!mark) return null
  const onMain = (keep) =>
    events
      .filter((e) => e.ph === 'X' && keep(e) && mainTids.has(`${e.pid}:${e.tid}`))
      .filter((e) => `${e.pid}` === `${mark.pid}` && e.ts < mark.ts)
      .map((e) => [e.ts, Math.min(e.ts + (e.dur ?? 0), mark.ts)])
  const script = onMain((e) => SCRIPT_EVENTS.has(e.name))
  // Style and layout a script forces count as rendering, as DevTools counts them; the probe and
  // Playwright run as scripts without an http(s) URL (init and utility scripts): not the widget's.
  const rendering = onMain((e) => RENDERING_EVENTS.has(e.name))
  const tooling = onMain(
    (e) =>
      (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
      !/^https?:/.test(e.args?.data?.url ?? ''),
  )
  return (covered(script) - covered([...rendering, ...tooling], script)) / 1000
}

/** Microseconds covered by the spans (overlaps once); with `within`, only inside those. */
function covered(spans, within) {
  const merge = (list) => {
    const out = []
    for (const [s, e] of [...list].sort((a, b) => a[0] - b[0]))
      if (out.length && s <= out.at(-1)[1]) out.at(-1)[1] = Math.max(out.at(-1)[1], e)
      else out.push([s, e])
    return out
  }
  const a = merge(spans)
  if (!within) return a.reduce((t, [s, e]) => t + e - s, 0)
  const b = merge(within)
  let total = 0
  for (const [s, e] of a)
    for (const [bs, be] of b) total += Math.max(0, Math.min(e, be) - Math.max(s, bs))
  return total
}

async function view(name, cpu, trace) {
  const w = WIDGETS[name]
  // A Danish visitor on a Danish shop: the browser's language is the page's.
  const context = await browser.newContext({ locale: 'da-DK' })
  const p = await context.newPage()
  const cdp = await context.newCDPSession(p)
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu })
  await p.addInitScript(optionProbe, { selector: w.selector })
  if (PROFILE) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await cdp.send('Profiler.start')
  }
  let events = []
  if (trace) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value))
    await cdp.send('Tracing.start', {
      categories:
        'devtools.timeline,v8,blink.user_timing,disabled-by-default-devtools.timeline,loading',
      transferMode: 'ReportEvents',
    })
  }
  const errors = []
  p.on('pageerror', (e) => errors.push(String(e)))
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await p.goto(`${host}/${name}`)
  await p
    .evaluate(() =>
      Promise.race([
        window.__kpProbeVisible,
        new Promise((_, reject) => setTimeout(() => reject(new Error('not visible in 30 s')), 3e4)),
      ]),
    )
    .catch(async (e) => {
      const probe = await p.evaluate(() => window.__kpProbe)
      throw new Error(`${name}: ${e.message}; probe ${JSON.stringify(probe)}; ${errors.join('; ')}`)
    })
  const r = await p.evaluate(() => ({
    ...window.__kpProbe,
    entries: performance
      .getEntriesByType('resource')
      .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
  }))
  if (PROFILE) printProfile(name, cpu, (await cdp.send('Profiler.stop')).profile, r.visible)
  let script = null
  if (trace) {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.end')
    await done
    script = scriptBeforeVisible(events)
    if (TRACE_DIR) {
      mkdirSync(TRACE_DIR, { recursive: true })
      writeFileSync(
        join(TRACE_DIR, `${name}-${cpu}x.json`),
        JSON.stringify({ traceEvents: events }),
      )
    }
  }
  await context.close()
  const first = r.entries.find((e) => w.script.test(e.name) && e.name.startsWith(w.origin))
  if (!first) throw new Error(`${name}: the widget script was not loaded`)
  const since = (t) => (t == null ? null : t - first.end)
  const ours = r.entries.filter((e) => e.name.startsWith(base))
  const config = ours.find((e) => e.name.includes('/v1/public/surveys/'))
  const ui = ours.find((e) => /\/w\/ui\.[0-9a-f]+\.js$/.test(e.name))
  return {
    // The per-survey loader answers the config with widget.js itself: 0.
    config: name.startsWith('kundepuls') ? since(config?.end ?? first.end) : null,
    ui: name.startsWith('kundepuls') ? since(ui?.end) : 0,
    inDom: since(r.inDom),
    visible: since(r.visible),
    script,
    longTasks: r.longTasks.length,
  }
}

/** KP_BENCH_PROFILE=1: the functions that ran longest (self time) before visible, per view. */
function printProfile(name, cpu, profile, visibleAt) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  let t = profile.startTime
  // Sample times are relative to the profile's start, which is not performance.now()'s origin:
  // count all samples up to the last one before the probe's own frame at visible.
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]
    const { callFrame: f } = byId.get(id)
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
  })
  const top = [...self].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k))
  top.sort((a, b) => b[1] - a[1])
  console.log(`profile ${name} ${cpu}× (visible at ${visibleAt.toFixed(0)} ms):`)
  for (const [k, v] of top.slice(0, 25)) console.log(`  ${v.toFixed(2).padStart(8)} ms  ${k}`)
  const gc = self.get([...self.keys()].find((k) => k.startsWith('(garbage collector)'))) ?? 0
  console.log(`  GC ${gc.toFixed(2)} ms`)
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b)
  if (!s.length) return null
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const ms = (x) => (x == null ? '—' : `${x.toFixed(1)} ms`).padStart(10)
const LABELS = {
  kundepuls: 'Kundepuls (?survey=)',
  'kundepuls-plain': 'Kundepuls (plain snippet)',
  posthog: `PostHog ${PEERS.posthog.split('@').pop()}`,
  formbricks: `Formbricks ${PEERS.formbricks.split('@').pop()}`,
}
const names = Object.keys(WIDGETS).filter((n) => !ONLY || ONLY.includes(n))
console.log(
  `${ROUNDS} cold page views each, interleaved; from the end of the first widget script (median)`,
)
for (const cpu of [1, 4]) {
  const runs = Object.fromEntries(names.map((n) => [n, []]))
  for (let i = 0; i < ROUNDS + 1; i++) {
    const order = i % 2 ? [...names].reverse() : names
    for (const n of order) {
      const r = await view(n, cpu, cpu > 1)
      if (i > 0) runs[n].push(r) // the first round warms the worker and the disk cache up
    }
  }
  console.log(`\nCPU ${cpu}×${cpu > 1 ? ' (Emulation.setCPUThrottlingRate)' : ''}:`)
  console.log(
    `  ${'widget'.padEnd(27)}${'config'.padStart(10)}${'UI chunk'.padStart(10)}${'in DOM'.padStart(10)}${'visible'.padStart(10)}` +
      (cpu > 1 ? `${'script'.padStart(10)}  long tasks` : ''),
  )
  for (const n of names) {
    const m = (k) => median(runs[n].map((r) => r[k]))
    const tasks = Math.max(...runs[n].map((r) => r.longTasks))
    console.log(
      `  ${LABELS[n].padEnd(27)}${ms(m('config'))}${ms(m('ui'))}${ms(m('inDom'))}${ms(m('visible'))}` +
        (cpu > 1 ? `${ms(m('script'))}  ${tasks} (most in a view)` : ''),
    )
  }
}
await browser.close()
process.exit(0)
