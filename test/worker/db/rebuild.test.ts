// Issue 8, item 7: a change of segmentKeys rebuilds the property rollups in bounded chunks
// (≤ 10,000 answers per statement), figures exact once done and marked as rebuilding until then.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { INSIGHTS } from '../../../schema/constants'
import {
  continueAllRebuilds,
  rebuildChunk,
  rebuildCursor,
  type RebuildCursor,
} from '../../../worker/db/rebuild'
import { call, setup, uuid } from '../helpers'
import { expectedMetrics, figuresOf, importRows, rawRows } from '../manager-helpers'

const metrics = (token: string, surveyId: string, groupBy: string) =>
  call('GET', `/v1/metrics?surveyId=${surveyId}&groupBy=${groupBy}`, { token })

/**
 * Many answers at once, straight into the table: the rollup triggers count them as for any
 * insert, and seeding 30,000 through the import route would only make the test slow.
 */
async function seed(projectId: string, surveyId: string, n: number) {
  await env.DB.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?3 - 1)
     INSERT INTO responses (id, project_id, survey_id, kind, score, category, polarity, touchpoint,
       customer_id, properties, channel, is_test, created_at, answered_at, updated_at)
     SELECT lower(printf('%s-%s-4%s-a%s-%s', hex(randomblob(4)), hex(randomblob(2)),
         substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
       ?1, ?2, 'nps', i % 11,
       iif(i % 11 >= 9, 'promoter', iif(i % 11 >= 7, 'passive', 'detractor')),
       iif(i % 11 >= 9, 1, iif(i % 11 >= 7, 0, -1)),
       iif(i % 3 = 0, NULL, 'tp' || (i % 3)), 'cust' || (i % 500),
       json_object('plan', 'p' || (i % 4), 'region', iif(i % 5 = 0, 'north', 'south'),
         'vip', json(iif(i % 7 = 0, 'true', 'false'))),
       'import', i % 97 = 0, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-06-01', '+' || (i * 37) || ' seconds'),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-06-01', '+' || (i * 37) || ' seconds'), '2026-06-01T00:00:00.000Z'
     FROM k`,
  )
    .bind(projectId, surveyId, n)
    .run()
}

async function answersUpTo(surveyId: string, c: RebuildCursor) {
  const row = await env.DB.prepare(
    'SELECT count(*) AS n FROM responses WHERE survey_id = ? AND (created_at, id) <= (?, ?)',
  )
    .bind(surveyId, c.at, c.id)
    .first<{ n: number }>()
  return row!.n
}

async function expectExact(token: string, surveyId: string, groupBys: string[]) {
  const raw = await rawRows(surveyId)
  for (const groupBy of groupBys) {
    const res = await metrics(token, surveyId, groupBy)
    expect(res.status, res.text).toBe(200)
    expect(figuresOf(res.json), groupBy).toEqual(expectedMetrics('nps', raw, {}, groupBy))
  }
}

describe('rebuilding property rollups after a change of segmentKeys', () => {
  it('goes through 30,000 answers 10,000 at a time, exact at the end whatever is written meanwhile', async () => {
    const { project, survey } = await setup({ segmentKeys: ['plan'] })
    const token = project.secretKey
    await seed(project.id, survey.id, 30_000)
    // As PATCH /v1/surveys does, minus the waitUntil that would race this test's own steps.
    await env.DB.prepare(`UPDATE surveys SET segment_keys = '["plan","region","vip"]' WHERE id = ?`)
      .bind(survey.id)
      .run()
    expect(await rebuildCursor(env.DB, survey.id)).toEqual({ at: '', id: '' })

    // One chunk covers exactly INSIGHTS.rebuildChunk answers, in (created_at, id) order.
    expect(await rebuildChunk(env.DB, survey.id)).toBe(false)
    const first = (await rebuildCursor(env.DB, survey.id))!
    expect(await answersUpTo(survey.id, first)).toBe(INSIGHTS.rebuildChunk)

    // Until it is done, property groupings say so (figures over all answers stay exact). This
    // call also drives the rebuild on after its answer, racing the steps below: by design.
    const during = await metrics(token, survey.id, 'property:region')
    expect(during.json.rebuilding).toBe(true)
    expect(during.json.total).toBeGreaterThan(29_000)

    // Writes meanwhile, behind and ahead of the cursor: new answers (an old import lands
    // behind it), a test flag on each side, an erased customer with answers on both sides.
    await importRows(token, [
      {
        surveyId: survey.id,
        score: 0,
        properties: { region: 'east' },
        createdAt: '2026-06-01T00:00:01.000Z',
      },
      {
        surveyId: survey.id,
        score: 10,
        properties: { region: 'east', plan: 'p1' },
        createdAt: '2026-06-20T00:00:00.000Z',
      },
    ])
    const flag = async (where: string) => {
      const row = await env.DB.prepare(
        `SELECT id FROM responses WHERE survey_id = ? AND is_test = 0 AND ${where} LIMIT 1`,
      )
        .bind(survey.id, first.at, first.id)
        .first<{ id: string }>()
      const res = await call('PATCH', `/v1/responses/${row!.id}`, { token, body: { test: true } })
      expect(res.status).toBe(200)
    }
    await flag('(created_at, id) <= (?, ?)')
    await flag('(created_at, id) > (?, ?)')
    expect((await call('DELETE', '/v1/customers/cust7', { token })).status).toBe(200)

    // Two drivers at once (a request's waitUntil and the cron) never add the same chunk twice.
    await Promise.all([rebuildChunk(env.DB, survey.id), rebuildChunk(env.DB, survey.id)])
    while (!(await rebuildChunk(env.DB, survey.id)));
    expect(await rebuildCursor(env.DB, survey.id)).toBeNull()
    await expectExact(token, survey.id, ['property:region', 'property:plan', 'property:vip'])
  }, 120_000)

  it('finishes by itself after PATCH /v1/surveys, and the cron picks up what is left', async () => {
    const { project, survey } = await setup({ segmentKeys: ['plan'] })
    const token = project.secretKey
    await seed(project.id, survey.id, 2_500)
    const patched = await call('PATCH', `/v1/surveys/${survey.id}`, {
      token,
      body: { segmentKeys: ['region'] },
    })
    expect(patched.status).toBe(200)
    for (let i = 0; i < 50; i++) {
      if ((await metrics(token, survey.id, 'property:region')).json.rebuilding === false) break
      await new Promise((r) => setTimeout(r, 50))
    }
    await expectExact(token, survey.id, ['property:region'])

    // A rebuild nobody drove (started by a statement, as the migration does) is the cron's.
    await env.DB.prepare(`UPDATE surveys SET segment_keys = '["region","plan"]' WHERE id = ?`)
      .bind(survey.id)
      .run()
    expect(await continueAllRebuilds(env.DB)).toEqual({ surveys: 1 })
    expect(await rebuildCursor(env.DB, survey.id)).toBeNull()
    await expectExact(token, survey.id, ['property:region', 'property:plan'])
  }, 60_000)

  it('keeps counting live answers into a complete rollup as before', async () => {
    const { project, survey } = await setup({ segmentKeys: ['plan'] })
    const live = await call('POST', '/v1/public/responses', {
      body: { id: uuid(), surveyId: survey.id, score: 10, properties: { plan: 'pro' } },
    })
    expect(live.status).toBe(201)
    const res = await metrics(project.secretKey, survey.id, 'property:plan')
    expect(res.json).toMatchObject({ rebuilding: false, series: [{ key: 'pro', total: 1 }] })
  })
})
