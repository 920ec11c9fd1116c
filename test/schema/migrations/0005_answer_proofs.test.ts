import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createProject, createSurvey, uuid } from '../../worker/helpers'

/** Runs the data statements of migration 0005 again (its columns exist already). */
async function rerunBackfill() {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0005_'))
  expect(migration).toBeDefined()
  const updates = migration!.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*UPDATE/i.test(q))
  expect(updates).toHaveLength(2)
  for (const q of updates) await env.DB.prepare(q).run()
}

async function insertAnswer(surveyId: string, channel: string, customerId: string | null) {
  const id = uuid()
  const at = new Date().toISOString()
  await env.DB.prepare(
    `INSERT INTO responses (id, project_id, survey_id, kind, score, category, customer_id, channel, created_at, answered_at, updated_at)
     SELECT ?, project_id, id, 'nps', 9, 'promoter', ?, ?, ?, ?, ? FROM surveys WHERE id = ?`,
  )
    .bind(id, customerId, channel, at, at, at, surveyId)
    .run()
  return id
}

async function insertDismissal(surveyId: string, customerId: string) {
  const id = uuid()
  await env.DB.prepare(
    `INSERT INTO impressions (id, type, project_id, survey_id, customer_id, created_at)
     SELECT ?, 'dismissed', project_id, id, ?, ? FROM surveys WHERE id = ?`,
  )
    .bind(id, customerId, new Date().toISOString(), surveyId)
    .run()
  return id
}

const verified = (id: string) =>
  env.DB.prepare('SELECT customer_verified AS v FROM responses WHERE id = ?')
    .bind(id)
    .first<{ v: number }>()
    .then((r) => r!.v)

const dismissedBy = (id: string) =>
  env.DB.prepare('SELECT customer_id AS c FROM impressions WHERE id = ?')
    .bind(id)
    .first<{ c: string | null }>()
    .then((r) => r!.c)

describe('migration 0005 (answer proofs)', () => {
  it('keeps in the ledger only what was proven: links, imports and signed projects; not unsigned widget contacts', async () => {
    const open = await createProject('Open')
    const strict = await createProject('Strict', { requireSignedIdentity: true })
    const openSurvey = await createSurvey(open.secretKey)
    const strictSurvey = await createSurvey(strict.secretKey)
    const widget = await insertAnswer(openSurvey.id, 'widget', 'c1')
    const link = await insertAnswer(openSurvey.id, 'link', 'c1')
    const imported = await insertAnswer(openSurvey.id, 'import', 'c2')
    const anonymous = await insertAnswer(openSurvey.id, 'import', null)
    const signedWidget = await insertAnswer(strictSurvey.id, 'widget', 'c3')
    const openDismissal = await insertDismissal(openSurvey.id, 'c1')
    const strictDismissal = await insertDismissal(strictSurvey.id, 'c3')

    await rerunBackfill()

    expect(await verified(widget)).toBe(0)
    expect(await verified(link)).toBe(1)
    expect(await verified(imported)).toBe(1)
    expect(await verified(anonymous)).toBe(0)
    expect(await verified(signedWidget)).toBe(1)
    expect(await dismissedBy(openDismissal)).toBeNull()
    expect(await dismissedBy(strictDismissal)).toBe('c3')
  })
})
