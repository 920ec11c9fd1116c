// Builds the dashboard (a Preact single-page app) into dist/public/app, served at /app by the
// worker (worker/routes/dashboard.ts), and copies Swagger UI's files for /docs into
// dist/public/docs-ui. Its own entry and bundle: the widget's budgets are untouched.
//   app/index.html          the shell (the worker adds the CSP and serves it for every /app/… link)
//   app/assets/*.[hash].js  the first view (sign-in, overview, uPlot) and one chunk per other page
//   favicon.ico             the icon at the site's root (a 32 px PNG in an ICO)
//   app/.vite/manifest.json what the budget test and `npm run bench` read to size the first view
import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}dist/public`

/** Swagger UI for /docs, from the pinned swagger-ui-dist: our own files, no CDN. */
function docsAssets(): Plugin {
  return {
    name: 'kundepuls-docs-ui',
    closeBundle() {
      const from = `${root}node_modules/swagger-ui-dist`
      mkdirSync(`${out}/docs-ui`, { recursive: true })
      for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css'])
        copyFileSync(`${from}/${f}`, `${out}/docs-ui/${f}`)
      for (const f of ['init.js', 'theme.css'])
        copyFileSync(`${root}dashboard/api-docs/${f}`, `${out}/docs-ui/${f}`)
      // /favicon.ico from the assets: every page (and /docs) asks for it; a 404 was logged.
      copyFileSync(`${root}dashboard/favicon.ico`, `${out}/favicon.ico`)
    },
  }
}

export default defineConfig({
  root: `${root}dashboard`,
  base: '/app/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [docsAssets()],
  build: {
    outDir: `${out}/app`,
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    // The polyfill would be an inline script (refused by our CSP); every target browser has modulepreload.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { comments: false } },
  },
})
