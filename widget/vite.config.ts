// Builds the widget into dist/public:
//   widget.js                 the loader (IIFE, short cache: a deploy reaches every site soon)
//   w/ui.<hash>.js            the UI chunk (an ES module, immutable); its texts come with the config
//   v/<version>/…             the same files under a versioned path (immutable) for pinning
//   _headers                  cache and CORS headers for Workers static assets
// Two builds because the loader must be a classic script (a `<script async>` tag) while the UI
// chunk is an ES module, loaded with import().
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build, defineConfig, type InlineConfig } from 'vite'
import pkg from '../package.json' with { type: 'json' }

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}dist/public`
const version = pkg.version

export const JSX = { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } as const

const shared: InlineConfig = {
  root,
  configFile: false,
  logLevel: 'warn',
  // Classic h(): Preact's automatic runtime adds a second vnode factory (~150 B gzip) to the chunk.
  oxc: { jsx: JSX },
  define: { 'process.env.NODE_ENV': '"production"' },
}

const HEADERS = `# Written by widget/vite.config.ts.
/widget.js
  Cache-Control: public, max-age=300
/w/*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/v/*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
`

/** After the UI build: name the chunk by its hash, build the loader that points at it, copy. */
function loaderBuild() {
  return {
    name: 'kundepuls-loader',
    async closeBundle() {
      const ui = readFileSync(`${out}/w/ui.js`)
      const uiFile = `ui.${createHash('sha256').update(ui).digest('hex').slice(0, 10)}.js`
      renameSync(`${out}/w/ui.js`, `${out}/w/${uiFile}`)
      await build({
        ...shared,
        define: { ...shared.define, __KP_UI__: JSON.stringify(`w/${uiFile}`) },
        build: {
          outDir: out,
          emptyOutDir: false,
          target: 'es2020',
          lib: {
            entry: `${root}widget/loader.ts`,
            formats: ['iife'],
            name: 'KundepulsLoader',
            fileName: () => 'widget.js',
          },
        },
      })
      rmSync(`${out}/v/${version}`, { recursive: true, force: true })
      mkdirSync(`${out}/v/${version}`, { recursive: true })
      cpSync(`${out}/w`, `${out}/v/${version}/w`, { recursive: true })
      cpSync(`${out}/widget.js`, `${out}/v/${version}/widget.js`)
      writeFileSync(`${out}/_headers`, HEADERS)
    },
  }
}

const { configFile: _, ...base } = shared

export default defineConfig({
  ...base,
  plugins: [loaderBuild()],
  build: {
    outDir: `${out}/w`,
    emptyOutDir: true,
    target: 'es2020',
    copyPublicDir: false,
    minify: true,
    lib: { entry: { ui: `${root}widget/ui/index.tsx` }, formats: ['es'], fileName: () => 'ui.js' },
    rolldownOptions: { output: { minify: true, comments: false } },
  },
})
