// `npm test`: typechecks (tsc -b), checks formatting, builds the widget (its tests run against the minified build and check its gzip
// budget; the browser tests load it from wrangler dev), then runs every vitest project once.
import { buildDashboard, buildWidget, buildWidgetPackage } from './build.mjs'
import { run } from './lib.mjs'

process.env.WRANGLER_LOG ??= 'warn'
// vitest strips types without checking them: a type error must fail the suite before it runs.
run('npx', ['tsc', '-b'])
// Formatting is mechanical (Prettier, .prettierrc.json): an unformatted file fails the suite.
run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])
buildWidget()
// The npm package's entry has its own gzip budget (test/widget/budget.test.ts reads dist/npm).
buildWidgetPackage()
// The dashboard's budget test reads its build; the browser tests load it from wrangler dev.
buildDashboard()
run('npx', ['vitest', 'run', ...process.argv.slice(2)])
