// Builds the npm package @kundepuls/widget into dist/npm (`npm run pack:widget` packs it):
//   index.js, ui.js     minified ES modules; ui.js is the dynamic import() the app's bundler
//                       splits out. index.js is budgeted (widget/sizes.ts): an app that does
//                       not minify its dependencies, or measures them, sees the shipped bytes.
//   index.d.ts, …       declarations (emitted by tsc, checked to import nothing but themselves)
//   package.json        exports, sideEffects: false, Preact as a peer (^10.19 || ^11): the app's
//                       own Preact is used, so a bundle never holds two
//   README.md, docs/widget.md   the README and the docs it links to
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import pkg from '../../package.json' with { type: 'json' }
import { JSX } from '../vite.config'

const root = fileURLToPath(new URL('../..', import.meta.url))
// KP_NPM_OUT: another folder, for a test that packs its own build while others read dist/npm.
const out = process.env.KP_NPM_OUT ?? `${root}dist/npm`

const manifest = {
  name: '@kundepuls/widget',
  version: pkg.version,
  description:
    'Kundepuls NPS / CES / CSAT survey widget for apps built with a bundler: own Shadow DOM, UI loaded only when a survey shows',
  type: 'module',
  main: './index.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './package.json': './package.json',
  },
  sideEffects: false,
  files: ['*.js', '*.d.ts', 'README.md', 'docs/widget.md'],
  // The UI uses only h, Fragment, render and the core hooks, the same in Preact 10 and 11
  // (test/browser/npm-package.test.ts builds and runs an app on each, and a React app).
  peerDependencies: { preact: '^10.19 || ^11' },
  // A scoped package is private on its first publish unless it says otherwise.
  publishConfig: { access: 'public' },
  keywords: ['nps', 'ces', 'csat', 'survey', 'feedback', 'widget', 'preact'],
}

/** tsc's declarations of the entry and of the one type file it names, with flattened paths. */
function declarations() {
  const tmp = mkdtempSync(join(tmpdir(), 'kundepuls-dts-'))
  try {
    const args = ['-p', `${root}widget/npm/tsconfig.json`, '--outDir', tmp]
    const tsc = spawnSync(`${root}node_modules/.bin/tsc`, args, { encoding: 'utf8' })
    if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`)
    const entry = readFileSync(join(tmp, 'widget/npm/index.d.ts'), 'utf8')
    const imports = [...entry.matchAll(/from '([^']+)'/g)].map((m) => m[1])
    if (imports.some((i) => i !== '../lib/show-options'))
      throw new Error(`index.d.ts must name only ../lib/show-options, not ${imports}`)
    writeFileSync(`${out}/index.d.ts`, entry.replaceAll('../lib/show-options', './show-options'))
    const options = readFileSync(join(tmp, 'widget/lib/show-options.d.ts'), 'utf8')
    if (/\bfrom '/.test(options)) throw new Error('show-options.d.ts must import nothing')
    writeFileSync(`${out}/show-options.d.ts`, options)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

function packageFiles(): Plugin {
  return {
    name: 'kundepuls-npm-package',
    closeBundle() {
      declarations()
      writeFileSync(`${out}/package.json`, JSON.stringify(manifest, null, 2) + '\n')
      copyFileSync(`${root}widget/npm/README.md`, `${out}/README.md`)
      mkdirSync(`${out}/docs`)
      copyFileSync(`${root}docs/widget.md`, `${out}/docs/widget.md`)
    },
  }
}

export default defineConfig({
  root,
  logLevel: 'warn',
  oxc: { jsx: JSX },
  plugins: [packageFiles()],
  build: {
    outDir: out,
    emptyOutDir: true,
    target: 'es2020',
    copyPublicDir: false,
    minify: true,
    lib: { entry: { index: `${root}widget/npm/index.ts` }, formats: ['es'] },
    rolldownOptions: {
      external: [/^preact(\/|$)/],
      // Vite leaves whitespace in an ES library build unless the output says minify.
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'ui.js',
        minify: true,
        comments: false,
      },
    },
  },
})
