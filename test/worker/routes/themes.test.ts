import { env } from 'cloudflare:test'
import STOPWORDS_ISO from 'stopwords-iso/stopwords-iso.json'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leanOf } from '../../../schema/lean'
import { polarityOf, round, share } from '../../../schema/scoring'
import { hmacSha256Hex } from '../../../worker/lib/crypto'
import { fold, termsOf } from '../../../worker/lib/terms'
import { call, createProject, createSurvey, expectProblem, setup, uuid } from '../helpers'
import { importRows, rawRows, type RawRow } from '../manager-helpers'

const themes = (token: string, query: Record<string, string | number | undefined>) => {
  const qs = new URLSearchParams(
    Object.entries(query)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  )
  return call('GET', `/v1/themes?${qs}`, { token })
}

interface ThemeOut {
  term: string
  count: number
  share: number
  lean: number
  leanZ: number
  examples: string[]
}

/** A small deterministic generator, so the planted data is the same on every run. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

// What detractors and promoters keep saying, per language; the words are in no stopword list.
const PLANTED = {
  da: { negative: 'levering forsinket', positive: 'venlig kundeservice' },
  nb: { negative: 'treg frakt', positive: 'hyggelig betjening' },
  sv: { negative: 'leveransen försenad', positive: 'trevlig personal' },
  en: { negative: 'delivery late', positive: 'friendly support' },
} as const
const FILLER = ['produkt', 'kvalitet', 'pris', 'webshop', 'appen']
const STOP_SOURCE = { da: 'da', nb: 'no', sv: 'sv', en: 'en' } as const

describe('GET /v1/themes', () => {
  it('puts planted phrases of Danish, Norwegian, Swedish and English reasons on top, with the right lean', async () => {
    const { project, survey } = await setup()
    const next = random(42)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]
    const rows = []
    for (const [locale, phrases] of Object.entries(PLANTED)) {
      const stop = STOPWORDS_ISO[STOP_SOURCE[locale as keyof typeof STOP_SOURCE]]
      for (const [polarity, phrase] of Object.entries(phrases)) {
        for (let i = 0; i < 25; i++) {
          // Stopwords of the language around the phrase, and now and then a neutral filler word.
          const filler = next() < 0.3 ? ` ${pick(FILLER)}` : ''
          rows.push({
            surveyId: survey.id,
            score: polarity === 'negative' ? Math.floor(next() * 7) : 9 + Math.floor(next() * 2),
            reason: `${pick(stop)} ${phrase.toUpperCase()}, ${pick(stop)} ${pick(stop)}${filler}.`,
            locale,
            createdAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
          })
        }
      }
    }
    await importRows(project.secretKey, rows)

    const res = await themes(project.secretKey, { surveyId: survey.id, limit: 100 })
    expect(res.status, res.text).toBe(200)
    expect(res.json.reasons).toBe(200)
    const list = res.json.themes as ThemeOut[]
    const planted = Object.values(PLANTED).flatMap((p) =>
      Object.entries(p).flatMap(([polarity, phrase]) => {
        const [a, b] = fold(phrase).split(' ')
        return [a, b, `${a} ${b}`].map((term) => ({ term, polarity }))
      }),
    )
    // The 24 planted terms (8 phrases, each 2 words and the pair) are the top 24, 25 reasons each.
    expect(new Set(list.slice(0, 24).map((t) => t.term))).toEqual(
      new Set(planted.map((p) => p.term)),
    )
    for (const { term, polarity } of planted) {
      const theme = list.find((t) => t.term === term)!
      expect(theme.count, term).toBe(25)
      expect(theme.share, term).toBe(12.5)
      if (polarity === 'negative') expect(theme.leanZ, term).toBeGreaterThan(1.96)
      else expect(theme.leanZ, term).toBeLessThan(-1.96)
      expect(Math.sign(theme.lean)).toBe(Math.sign(theme.leanZ))
      expect(theme.examples.length).toBeGreaterThan(0)
    }
    // Filler words are said by both sides: no strong lean.
    for (const t of list.filter((t) => FILLER.includes(t.term)))
      expect(Math.abs(t.leanZ), t.term).toBeLessThan(Math.abs(list[0].leanZ))
    // No stopword of these languages (or English) ever becomes a theme or part of one.
    const stop = new Set(Object.values(STOP_SOURCE).flatMap((l) => STOPWORDS_ISO[l].map(fold)))
    for (const t of list) for (const w of t.term.split(' ')) expect(stop.has(w), t.term).toBe(false)

    // The category filter counts only those reasons; the lean still compares both sides.
    const detractors = await themes(project.secretKey, {
      surveyId: survey.id,
      category: 'detractor',
      limit: 12,
    })
    expect(detractors.json.reasons).toBe(100)
    const negative = planted.filter((p) => p.polarity === 'negative').map((p) => p.term)
    expect(new Set(detractors.json.themes.map((t: ThemeOut) => t.term))).toEqual(new Set(negative))
    expect(detractors.json.themes[0].share).toBe(25)
  })

  it('reads buckets, not reasons: the same days and terms cost the same at 8 and at 400 answers', async () => {
    const { project } = await setup()
    const rowsRead = async (n: number) => {
      const survey = await call('POST', '/v1/surveys', {
        token: project.secretKey,
        body: { name: 'x', kind: 'nps' },
      })
      await importRows(
        project.secretKey,
        Array.from({ length: n }, (_, i) => ({
          surveyId: survey.json.id,
          score: i % 11,
          reason: i % 2 ? 'Slow delivery' : 'Friendly support',
          locale: 'en',
          touchpoint: i % 4 < 2 ? 'purchase' : 'support',
          createdAt: `2026-10-0${1 + (i % 2)}T10:00:00.000Z`,
        })),
      )
      const res = await themes(project.secretKey, { surveyId: survey.json.id })
      expect(res.json.reasons).toBe(n)
      return Number(res.headers.get('x-d1-rows-read'))
    }
    const small = await rowsRead(8)
    // SQLite may step onto one row past the survey's key range to see that it ended.
    expect(Math.abs((await rowsRead(400)) - small)).toBeLessThanOrEqual(1)
    // 2 days × 2 touchpoints × 7 buckets (6 terms and the reasons row) = 28, read once from the
    // table and once more from the sorter that groups them by term.
    expect(small).toBeLessThanOrEqual(2 * 28 + 1)
  })

  it('refuses hostile or impossible queries with problem+json, and another project’s survey with 404', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    expectProblem(
      await themes(token, { surveyId: survey.id, category: 'easy' }),
      400,
      'validation_failed',
      'query.category',
    )
    expectProblem(
      await themes(token, { surveyId: survey.id, category: 'sad' }),
      400,
      'validation_failed',
    )
    expectProblem(
      await themes(token, { surveyId: survey.id, from: '2026-03-02', to: '2026-03-01' }),
      400,
      'validation_failed',
      'query.from',
    )
    for (const limit of [0, 101, 'x'])
      expectProblem(await themes(token, { surveyId: survey.id, limit }), 400, 'validation_failed')
    expectProblem(await themes(token, {}), 400, 'validation_failed', 'query.surveyId')
    expectProblem(await themes(token, { surveyId: 'srv_unknown' }), 404, 'not_found')
    expectProblem(await call('GET', `/v1/themes?surveyId=${survey.id}`), 401)
    expectProblem(await themes(project.publishableKey, { surveyId: survey.id }), 403)
    const other = await createProject('Other')
    expectProblem(await themes(other.secretKey, { surveyId: survey.id }), 404, 'not_found')
  })
})

describe('terms follow every write of a reason', () => {
  const termsOfSurvey = async (token: string, surveyId: string) => {
    const res = await themes(token, { surveyId, limit: 100 })
    expect(res.status, res.text).toBe(200)
    return Object.fromEntries(res.json.themes.map((t: ThemeOut) => [t.term, t.count]))
  }
  const rollupRows = async (surveyId: string) =>
    (
      await env.DB.prepare('SELECT count(*) AS n FROM rollup_terms WHERE survey_id = ?')
        .bind(surveyId)
        .first<{ n: number }>()
    )?.n

  it('widget answer, amended reason, replacing answer, test flag, anonymisation and erasure', async () => {
    const { project, survey } = await setup()
    const token = project.secretKey
    const id = uuid()
    // Signed customers: a later answer for the same ref may replace the first.
    const post = async (body: Record<string, unknown>) => {
      const who = typeof body.customerId === 'string' ? body.customerId : undefined
      const customerHash = who ? await hmacSha256Hex(project.identitySecret, who) : undefined
      return call('POST', '/v1/public/responses', {
        body: { surveyId: survey.id, customerHash, ...body },
      })
    }
    const first = await post({ id, score: 3, locale: 'en', customerId: 'c1', ref: 'o1' })
    expect(first.status).toBe(201)
    expect(await termsOfSurvey(token, survey.id)).toEqual({})
    // The widget sends the reason after the score, with the answer's edit token.
    const amend = await call('PATCH', `/v1/public/responses/${id}`, {
      body: { editToken: first.json.editToken, reason: 'Parcel damaged' },
    })
    expect(amend.status, amend.text).toBe(200)
    expect(await termsOfSurvey(token, survey.id)).toEqual({
      parcel: 1,
      damaged: 1,
      'parcel damaged': 1,
    })
    // A later answer for the same customer and ref replaces the reason and its terms.
    const later = await post({
      id: uuid(),
      score: 10,
      reason: 'Quick refund',
      locale: 'en',
      customerId: 'c1',
      ref: 'o1',
    })
    expect(later.status, later.text).toBe(200)
    expect(await termsOfSurvey(token, survey.id)).toEqual({
      quick: 1,
      refund: 1,
      'quick refund': 1,
    })
    // Marked as a test, the answer leaves every figure, its terms too; unmarked, it is back.
    const patch = (test: boolean) => call('PATCH', `/v1/responses/${id}`, { token, body: { test } })
    expect((await patch(true)).status).toBe(200)
    expect(await termsOfSurvey(token, survey.id)).toEqual({})
    expect((await patch(false)).status).toBe(200)
    expect((await termsOfSurvey(token, survey.id)).refund).toBe(1)
    // Anonymisation clears the reason (any statement that does): the terms go with it.
    await env.DB.prepare('UPDATE responses SET reason = NULL, customer_id = NULL WHERE id = ?')
      .bind(id)
      .run()
    expect(await termsOfSurvey(token, survey.id)).toEqual({})
    expect(await rollupRows(survey.id)).toBe(0)

    // Erasure of a customer takes their terms (and examples) out in the same transaction.
    await post({ id: uuid(), score: 2, reason: 'Rude driver', locale: 'en', customerId: 'c2' })
    const kept = uuid()
    await post({ id: kept, score: 2, reason: 'Rude driver', locale: 'en' })
    const before = await themes(token, { surveyId: survey.id })
    expect(before.json.themes.find((t: ThemeOut) => t.term === 'rude driver').count).toBe(2)
    expect((await call('DELETE', '/v1/customers/c2', { token })).status).toBe(200)
    const after = await themes(token, { surveyId: survey.id })
    const rude = after.json.themes.find((t: ThemeOut) => t.term === 'rude driver')
    expect(rude.count).toBe(1)
    for (const example of rude.examples) expect(example).toBe(kept)
  })
})

// Random reasons through the write paths, then every theme compared with a count on raw rows.
const WORDS = [
  'delivery',
  'late',
  'price',
  'support',
  'the',
  'and',
  'levering',
  'og',
  'pris',
  'hurtig',
]
const themeAnswerArb = fc.record({
  score: fc.integer({ min: 0, max: 10 }),
  day: fc.integer({ min: 1, max: 9 }),
  touchpoint: fc.constantFrom(undefined, 'purchase', 'support'),
  customerId: fc.constantFrom(undefined, 'c1', 'c2'),
  ref: fc.constantFrom(undefined, 'o1'),
  locale: fc.constantFrom(undefined, 'en', 'da'),
  words: fc.array(fc.constantFrom(...WORDS, '.', '7'), { maxLength: 8 }),
})

function expectedThemes(
  raw: RawRow[],
  w: { from?: string; to?: string; touchpoint?: string; category?: string },
) {
  const live = raw.filter(
    (r) =>
      r.is_test === 0 &&
      (!w.from || r.answered_at.slice(0, 10) >= w.from) &&
      (!w.to || r.answered_at.slice(0, 10) <= w.to) &&
      (w.touchpoint === undefined || r.touchpoint === w.touchpoint),
  )
  const termsOfRow = (r: RawRow) => termsOf(r.reason, r.locale)
  const polarity = (r: RawRow) => polarityOf('nps', r.score)
  const inFilter = live.filter((r) => !w.category || r.category === w.category)
  const reasons = inFilter.filter((r) => termsOfRow(r).length > 0).length
  const counts = new Map<
    string,
    { count: number; negative: number; positive: number; all: number }
  >()
  const totals = { negative: 0, positive: 0, all: 0 }
  for (const r of live) {
    for (const term of termsOfRow(r)) {
      const c = counts.get(term) ?? { count: 0, negative: 0, positive: 0, all: 0 }
      const p = polarity(r)
      if (p !== 'neutral') c[p]++
      if (p !== 'neutral') totals[p]++
      c.all++
      totals.all++
      if (inFilter.includes(r)) c.count++
      counts.set(term, c)
    }
  }
  return {
    reasons,
    themes: [...counts.entries()]
      .filter(([, c]) => c.count > 0)
      .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1))
      .slice(0, 100)
      .map(([term, c]) => {
        const lean = leanOf(c, totals)
        return {
          term,
          count: c.count,
          share: share(c.count, reasons),
          lean: round(lean.logOdds, 2),
          leanZ: round(lean.z, 2),
        }
      }),
  }
}

describe('GET /v1/themes against raw rows', () => {
  it('matches a count of the raw reasons for random data and writes', async () => {
    const project = await createProject('Random themes')
    await fc.assert(
      fc.asyncProperty(
        fc.array(themeAnswerArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.constantFrom(undefined, 'c1'),
        fc.record({
          from: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
          to: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
          touchpoint: fc.constantFrom(undefined, 'purchase', 'support'),
          category: fc.constantFrom(undefined, 'promoter', 'passive', 'detractor'),
        }),
        async (answers, tests, cleared, erase, win) => {
          const survey = await createSurvey(project.secretKey)
          const rows = answers.map((a) => ({
            id: uuid(),
            surveyId: survey.id,
            score: a.score,
            reason: a.words.join(' ') || undefined,
            createdAt: `2026-03-0${a.day}T12:00:00.000Z`,
            ...(a.touchpoint ? { touchpoint: a.touchpoint } : {}),
            ...(a.customerId ? { customerId: a.customerId } : {}),
            ...(a.ref ? { ref: a.ref } : {}),
            ...(a.locale ? { locale: a.locale } : {}),
          }))
          await importRows(project.secretKey, rows)
          const stored = await rawRows(survey.id)
          for (const i of tests) {
            const res = await call('PATCH', `/v1/responses/${stored[i % stored.length].id}`, {
              token: project.secretKey,
              body: { test: true },
            })
            expect(res.status).toBe(200)
          }
          for (const i of cleared) {
            await env.DB.prepare('UPDATE responses SET reason = NULL WHERE id = ?')
              .bind(stored[i % stored.length].id)
              .run()
          }
          if (erase) await call('DELETE', `/v1/customers/${erase}`, { token: project.secretKey })
          const raw = await rawRows(survey.id)
          const w = {
            from: win.from === undefined ? undefined : `2026-03-0${win.from}`,
            to: win.to === undefined ? undefined : `2026-03-0${win.to}`,
            touchpoint: win.touchpoint,
            category: win.category,
          }
          if (w.from && w.to && w.from > w.to) [w.from, w.to] = [w.to, w.from]
          const res = await themes(project.secretKey, { surveyId: survey.id, limit: 100, ...w })
          expect(res.status, res.text).toBe(200)
          const expected = expectedThemes(raw, w)
          expect({
            reasons: res.json.reasons,
            themes: res.json.themes.map(({ examples, ...t }: ThemeOut) => t),
          }).toEqual(expected)
          // Every example is a counted answer of the filter that mentions the term.
          for (const t of res.json.themes as ThemeOut[]) {
            for (const id of t.examples) {
              const row = raw.find((r) => r.id === id)!
              expect(row.is_test).toBe(0)
              expect(termsOf(row.reason, row.locale)).toContain(t.term)
              if (w.category) expect(row.category).toBe(w.category)
            }
          }
        },
      ),
      { numRuns: 15 },
    )
  }, 120_000)
})
