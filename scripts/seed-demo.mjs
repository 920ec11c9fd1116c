// Seeds the local D1 with a demo project and survey the first time `npm start` runs, so the
// demo page has something to show and a newcomer has a secret key to curl with at once.
// Keys are made here, stored hashed like the worker does, and remembered in .wrangler/demo.json.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { capture } from './lib.mjs'

const FILE = '.wrangler/demo.json'
// Letters and digits only, like the keys the worker makes.
const token = (n) =>
  randomBytes(n * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n)
const sha256 = (s) => createHash('sha256').update(s).digest('hex')
const q = (s) => `'${String(s).replace(/'/g, "''")}'`

function exists(demo) {
  const out = capture('npx', [
    'wrangler',
    'd1',
    'execute',
    'DB',
    '--local',
    '--json',
    '--command',
    `SELECT id FROM surveys WHERE id = ${q(demo.surveyId)}`,
  ])
  return JSON.parse(out)[0]?.results?.length === 1
}

export function seedDemo() {
  if (existsSync(FILE)) {
    const demo = JSON.parse(readFileSync(FILE, 'utf8'))
    if (exists(demo)) return demo
  }
  const now = new Date().toISOString()
  const demo = {
    projectId: `prj_demo${token(12).toLowerCase()}`,
    surveyId: `srv_demo${token(12).toLowerCase()}`,
    publishableKey: `pk_${token(40)}`,
    secretKey: `sk_${token(40)}`,
    identitySecret: token(40),
  }
  const texts = { en: { question: 'How likely are you to recommend Nordlys Coffee to a friend?' } }
  const sql = [
    `INSERT INTO projects (id, name, identity_secret, link_secret, require_signed_identity, created_at) VALUES (${q(demo.projectId)}, 'Demo shop', ${q(demo.identitySecret)}, ${q(token(40))}, 0, ${q(now)});`,
    `INSERT INTO api_keys (hash, project_id, kind, prefix, created_at) VALUES (${q(sha256(demo.publishableKey))}, ${q(demo.projectId)}, 'publishable', ${q(demo.publishableKey.slice(0, 10))}, ${q(now)});`,
    `INSERT INTO api_keys (hash, project_id, kind, prefix, created_at) VALUES (${q(sha256(demo.secretKey))}, ${q(demo.projectId)}, 'secret', ${q(demo.secretKey.slice(0, 10))}, ${q(now)});`,
    // throttleDays 0 so the demo can be answered again and again.
    `INSERT INTO surveys (id, project_id, name, kind, texts, throttle_days, referral_url, review_url, created_at, updated_at) VALUES (${q(demo.surveyId)}, ${q(demo.projectId)}, 'Demo NPS', 'nps', ${q(JSON.stringify(texts))}, 0, 'https://example.com/refer', 'https://example.com/review', ${q(now)}, ${q(now)});`,
  ].join('\n')
  mkdirSync('.wrangler', { recursive: true })
  const file = `.wrangler/demo-seed-${randomUUID()}.sql`
  writeFileSync(file, sql)
  capture('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--file', file, '--yes'])
  writeFileSync(FILE, JSON.stringify(demo, null, 2))
  return demo
}
