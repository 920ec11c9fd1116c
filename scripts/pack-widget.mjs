// `npm run pack:widget`: builds the npm package @kundepuls/widget into dist/npm (or KP_NPM_OUT) and
// packs it next to that folder: dist/kundepuls-widget-<version>.tgz (its path printed last, for
// scripts and tests to pick up).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildWidgetPackage } from './build.mjs'
import { run } from './lib.mjs'

const out = process.env.KP_NPM_OUT ?? 'dist/npm'
buildWidgetPackage()
run('npm', ['pack', '--pack-destination', '..', '--silent'], {
  cwd: out,
  stdio: ['ignore', 'ignore', 'inherit'],
})
const { version } = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'))
console.log(join(dirname(out), `kundepuls-widget-${version}.tgz`))
