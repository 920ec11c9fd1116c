// `npm run pack:widget`: builds the npm package @kundepuls/widget into dist/npm and packs it into
// dist/kundepuls-widget-<version>.tgz (printed last, for scripts and tests to pick up).
import { readFileSync } from 'node:fs'
import { run } from './lib.mjs'

run('npx', ['vite', 'build', '--config', 'widget/npm/vite.config.ts', '--logLevel', 'warn'])
run('npm', ['pack', '--pack-destination', '..', '--silent'], {
  cwd: 'dist/npm',
  stdio: ['ignore', 'ignore', 'inherit'],
})
const { version } = JSON.parse(readFileSync('dist/npm/package.json', 'utf8'))
console.log(`dist/kundepuls-widget-${version}.tgz`)
