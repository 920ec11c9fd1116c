// `npm start`: .dev.vars, build, migrate the local D1, seed the demo, then `wrangler dev`.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs'
import { buildWidget } from './build.mjs'
import { quietEnv, run } from './lib.mjs'
import { seedDemo } from './seed-demo.mjs'
import { writeDemoPage } from './demo-page.mjs'

const port = process.env.PORT ?? '8787'
const base = `http://127.0.0.1:${port}`

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars')
  console.log('created .dev.vars from .dev.vars.example')
}
// Webhook secrets and Slack URLs are sealed under ENCRYPTION_KEY, and local receivers need
// WEBHOOKS_ALLOW_LOCAL: a .dev.vars made before webhooks existed lacks both.
const devVars = readFileSync('.dev.vars', 'utf8')
if (!/^ENCRYPTION_KEY=\S+/m.test(devVars)) {
  appendFileSync('.dev.vars', `\nENCRYPTION_KEY=${randomBytes(32).toString('base64')}\n`)
  console.log('added a generated ENCRYPTION_KEY to .dev.vars')
}
if (!/^WEBHOOKS_ALLOW_LOCAL=/m.test(devVars)) {
  appendFileSync('.dev.vars', 'WEBHOOKS_ALLOW_LOCAL=true\n')
  console.log('added WEBHOOKS_ALLOW_LOCAL=true to .dev.vars (webhooks may reach 127.0.0.1)')
}
const adminToken = readFileSync('.dev.vars', 'utf8')
  .match(/^ADMIN_TOKEN=(.*)$/m)?.[1]
  ?.trim()

buildWidget()
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
const demo = seedDemo()
writeDemoPage(demo)

const dev = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, '--log-level', 'warn'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: quietEnv,
  },
)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => dev.kill(sig))
dev.on('exit', (code) => process.exit(code ?? 0))

// Print the facts a newcomer needs once the worker answers.
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500))
  const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  )
  if (!ok) continue
  console.log(`
Kundepuls is running at ${base}
  demo page      ${base}/demo
  API reference  ${base}/docs  (OpenAPI: ${base}/openapi.json)
  admin token    ${adminToken}
  demo project   ${demo.projectId}
  demo survey    ${demo.surveyId}
  demo secret    ${demo.secretKey}
Try: curl -H 'authorization: Bearer ${demo.secretKey}' '${base}/v1/responses?surveyId=${demo.surveyId}'
`)
  break
}
