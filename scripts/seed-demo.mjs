// Seeds the demo the first time `npm start` runs, THROUGH THE API of the running worker (no SQL):
// the admin token makes a project, its secret key makes the surveys, a read-only key and ~2,000
// answers over 90 days (POST /v1/responses/import in chunks), then closes a few follow-ups.
// Remembered in .wrangler/demo.json; a later start reuses it while its survey still answers.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { apiClient } from './api-client.mjs'
import { demoAnswers, earlierAnswers } from './demo/answers.mjs'

const FILE = '.wrangler/demo.json'
// Import takes up to 1,000 rows a call; smaller chunks keep each D1 batch quick.
const CHUNK = 500

async function stillThere(base, demo) {
  if (!demo?.secretKey || !demo.surveyId || !demo.readKey) return false
  const res = await fetch(`${base}/v1/surveys/${demo.surveyId}`, {
    headers: { authorization: `Bearer ${demo.secretKey}` },
  })
  return res.ok
}

/**
 * People who sign in as themselves: an owner and a member, invited with the project's secret key
 * and accepted through the invitation link (POST /v1/auth/invites/accept), each with a generated
 * password that `npm start` prints.
 */
async function seedPeople(base, sk, projectId) {
  const tag = projectId.slice(-6)
  const people = []
  for (const role of ['owner', 'member']) {
    const email = `${role}-${tag}@nordlys.example`
    const password = randomBytes(12).toString('base64url')
    const { inviteUrl } = await sk('POST', '/v1/members', { email, role })
    const token = new URL(inviteUrl).hash.replace('#token=', '')
    const res = await fetch(`${base}/v1/auth/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        token,
        password,
        name: role === 'owner' ? 'Olivia Owner' : 'Mads Member',
      }),
    })
    if (!res.ok)
      throw new Error(`accepting the ${role}'s invitation → ${res.status} ${await res.text()}`)
    people.push({ role, email, password })
  }
  return people
}

export async function seedDemo(base, adminToken, { log = console.log } = {}) {
  const known = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : undefined
  if (await stillThere(base, known)) {
    // A demo seeded before people could sign in gets its owner and member now.
    if (!known.people) {
      known.people = await seedPeople(base, apiClient(base, known.secretKey), known.projectId)
      writeFileSync(FILE, JSON.stringify(known, null, 2))
    }
    return known
  }
  log('seeding the demo through the API (about 2,700 answers over half a year)…')
  const admin = apiClient(base, adminToken)
  const project = await admin('POST', '/v1/projects', { name: 'Nordlys Coffee (demo)' })
  const sk = apiClient(base, project.secretKey)
  // Made first: the dashboard opens on the newest survey, the NPS one with the answers.
  await sk('POST', '/v1/surveys', { name: 'Support (CES)', kind: 'ces', throttleDays: 30 })
  const survey = await sk('POST', '/v1/surveys', {
    name: 'After purchase (NPS)',
    kind: 'nps',
    // 0 (and no cooldown) so that the demo page can be answered again and again.
    throttleDays: 0,
    cooldownDays: 0,
    referralUrl: 'https://example.com/refer',
    reviewUrl: 'https://example.com/review',
    texts: {
      en: { question: 'How likely are you to recommend Nordlys Coffee to a friend?' },
      da: { question: 'Hvor sandsynligt er det, at du vil anbefale Nordlys Coffee til en ven?' },
    },
  })
  const read = await sk('POST', '/v1/keys', { name: 'Demo read-only', scope: 'read' })
  const rows = demoAnswers(survey.id)
  // The quarter before, too: the overview compares the last 90 days with the 90 before them.
  const history = [...rows, ...earlierAnswers(survey.id)]
  let imported = 0
  for (let i = 0; i < history.length; i += CHUNK)
    imported += (
      await sk('POST', '/v1/responses/import', { responses: history.slice(i, i + CHUNK) })
    ).imported
  // Some follow-ups already handled, so the inbox's "Closed" tab has a history.
  const handled = rows.filter((r) => r.score <= 6 && r.contactConsent).slice(0, 5)
  for (const r of handled)
    await sk('PATCH', `/v1/responses/${r.id}`, {
      followUp: 'closed',
      note: 'Called the customer; replacement sent.',
    })
  const followUps = await seedFollowUps(sk)
  const demo = {
    projectId: project.id,
    surveyId: survey.id,
    publishableKey: project.publishableKey,
    secretKey: project.secretKey,
    readKey: read.key,
    answers: imported,
    followUps,
    people: await seedPeople(base, sk, project.id),
  }
  mkdirSync('.wrangler', { recursive: true })
  writeFileSync(FILE, JSON.stringify(demo, null, 2))
  return demo
}

/**
 * The closed loop's demo: last week's detractors have follow-ups (imported answers of the last 7
 * days get one); put them in every state — contacted by call, resolved, unreachable, some left
 * open (overdue once their 48 hours are past). Owners are the project's members when the
 * members API (/v1/members, the accounts module) lists some; otherwise they stay unassigned.
 */
async function seedFollowUps(sk) {
  const open = await sk('GET', '/v1/follow-ups?state=open&limit=100')
  const members = await sk('GET', '/v1/members')
    .then((r) => (r.data ?? []).filter((m) => m.role !== 'viewer'))
    .catch(() => [])
  const ownerOf = (i) => {
    const m = members[i % (members.length || 1)]
    return m?.userId ?? m?.id
  }
  const steps = [
    { state: 'contacted', via: 'call', note: 'Called; she will try the new grind.' },
    { state: 'resolved', via: 'email', note: 'Refund sent by email.' },
    { state: 'unreachable', note: 'Three calls, no answer.' },
    null,
  ]
  const counts = { contacted: 0, resolved: 0, unreachable: 0, open: 0 }
  for (const [i, f] of open.data.entries()) {
    const step = steps[i % steps.length]
    const owner = ownerOf(i)
    const body = { ...(owner ? { ownerId: owner } : {}), ...(step ?? {}) }
    if (step?.state === 'resolved')
      await sk('PATCH', `/v1/responses/${f.responseId}/follow-up`, {
        state: 'contacted',
        via: 'call',
      })
    if (Object.keys(body).length) await sk('PATCH', `/v1/responses/${f.responseId}/follow-up`, body)
    counts[step?.state ?? 'open']++
  }
  return counts
}
