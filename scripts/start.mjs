// `npm start`: .dev.vars, build, migrate the local D1, `wrangler dev`, then seed the demo through it.
import { randomBytes } from 'node:crypto'
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs'
import { buildDashboard, buildWidget } from './build.mjs'
import { migrateLocal, startDevServer } from './dev-server.mjs'
import { seedDemo } from './seed-demo.mjs'
import { writeDemoPage } from './demo-page.mjs'

const port = Number(process.env.PORT ?? 8787)

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
buildDashboard()
migrateLocal()

let dev
try {
  // The local mail view and clock (/dev/mail, POST /dev/cron?at=…) and the links in survey emails.
  // localhost, not 127.0.0.1: PUBLIC_URL is also the passkeys' origin and RP ID, and WebAuthn
  // refuses an IP address as RP ID (localhost is a secure context over plain http).
  const vars = { KUNDEPULS_DEV: 'true', PUBLIC_URL: `http://localhost:${port}` }
  dev = await startDevServer({ port, echo: true, vars })
} catch (err) {
  console.error(`\n✗ ${err.message}`)
  process.exit(1)
}
const stop = () => dev.stop().then(() => process.exit(130))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop)

const base = dev.url
// Seeded through the API of the running worker (scripts/seed-demo.mjs), then the facts a
// newcomer needs.
const demo = await seedDemo(base, adminToken)
writeDemoPage(demo)
console.log(`
Kundepuls is running at ${base}
  dashboard      ${base}/app   (sign in as a demo person, or with the demo secret key below)
  passkeys       http://localhost:${port}/app   (WebAuthn needs a host name, not 127.0.0.1)
${demo.people.map((p) => `  demo ${p.role.padEnd(9)} ${p.email}  password ${p.password}`).join('\n')}
  demo page      ${base}/demo
  API reference  ${base}/docs  (OpenAPI: ${base}/openapi.json)
  local mail     ${base}/dev/mail  (survey emails as sent; the Email Service simulation only logs them)
  cron clock     curl -X POST '${base}/dev/cron?at=2030-01-01T09:00:00Z'  (sends due by then)
  admin token    ${adminToken}
  demo project   ${demo.projectId}
  demo survey    ${demo.surveyId}
  demo secret    ${demo.secretKey}
  read-only key  ${demo.readKey}
Try: curl -H 'authorization: Bearer ${demo.secretKey}' '${base}/v1/responses?surveyId=${demo.surveyId}'
`)
process.exit((await dev.exited) ?? 0)
