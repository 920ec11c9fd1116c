// The survey editor in Chromium, the way a manager uses it: open each existing survey from the
// Surveys list, change every kind of field, Save, reload, see the change; the API agrees.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, call, signedIn } from './dashboard-helpers'
import { launchBrowser, workerApi } from './harness'

const base = inject('workerUrl')

/** Surveys set up like the demo's (scripts/seed-demo.mjs): texts in two languages, links. */
const SURVEYS = [
  {
    name: 'After purchase (NPS)',
    kind: 'nps',
    throttleDays: 0,
    referralUrl: 'https://example.com/refer',
    reviewUrl: 'https://example.com/review',
    texts: {
      en: { question: 'How likely are you to recommend Nordlys Coffee to a friend?' },
      da: { question: 'Hvor sandsynligt er det, at du vil anbefale Nordlys Coffee til en ven?' },
    },
  },
  { name: 'Support (CES)', kind: 'ces', throttleDays: 30 },
  { name: 'Checkout (CSAT)', kind: 'csat', throttleDays: 60, trigger: { delayMs: 1500 } },
] as const

describe.skipIf(!base)('the survey editor in Chromium', () => {
  let browser: Browser
  let secretKey: string
  const ids: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    const api = workerApi(base)
    const project = await api.createProject('Survey editor shop')
    secretKey = project.secretKey
    for (const s of SURVEYS) ids.push((await api.createSurvey(secretKey, s)).id)
  })
  afterAll(() => browser?.close())

  it('saves every kind of field of each existing survey; after a reload the page and GET /v1/surveys/:id show it', async () => {
    const { page, context, problems } = await signedIn(browser, base, secretKey, {
      bypassCSP: true,
    })
    for (const [i, s] of SURVEYS.entries()) {
      await page.getByRole('link', { name: 'Surveys' }).click()
      await page.getByRole('link', { name: s.name, exact: true }).click()
      await page.getByRole('heading', { name: s.name }).waitFor()
      // Nothing changed: Save says so and sends nothing (it used to answer 400).
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Nothing changed, so nothing was saved.').waitFor()

      const name = `${s.name} v2`
      await page.getByLabel('Name').fill(name)
      await page.getByLabel('Ask the same person again after (days)').fill('14')
      await page.getByLabel('Cooldown across channels (days)').fill(String(20 + i))
      await page.getByLabel('Share of visitors asked (%)').fill('25')
      await page.getByText('Ask 25 % of visitors.').waitFor()
      await page.getByLabel('Delay before showing (seconds)').fill('2.5')
      await page.getByLabel('Show only on paths matching (* is a wildcard)').fill('/orders/*')
      await page.getByLabel('Review link (offered to everyone)').fill('https://example.com/r2')
      await page
        .getByLabel(/Allowed origins/)
        .fill('https://shop.example\nhttps://www.shop.example')
      await page.getByLabel('Segment keys (comma-separated)').fill('plan, country')
      // Texts per language: English, then Danish through the language select.
      await page.getByLabel('Question', { exact: true }).fill(`Q ${i} en`)
      const negative = { nps: 'detractor', ces: 'difficult', csat: 'unsatisfied' }[s.kind]
      await page.getByLabel(`Follow-up question for ${negative}`).fill(`Why ${i}?`)
      await page.getByLabel('Language of the texts').selectOption('da')
      await page.getByLabel('Question', { exact: true }).fill(`Q ${i} da`)
      await page.getByLabel('Thank-you message').fill(`Tak ${i}`)
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Survey saved.').waitFor()

      await page.reload()
      await page.getByRole('heading', { name }).waitFor()
      expect(await page.getByLabel('Name').inputValue()).toBe(name)
      expect(await page.getByLabel('Share of visitors asked (%)').inputValue()).toBe('25')
      expect(await page.getByLabel('Cooldown across channels (days)').inputValue()).toBe(
        String(20 + i),
      )
      expect(await page.getByLabel('Delay before showing (seconds)').inputValue()).toBe('2.5')
      expect(await page.getByLabel(/Allowed origins/).inputValue()).toBe(
        'https://shop.example\nhttps://www.shop.example',
      )
      await page.getByLabel('Language of the texts').selectOption('da')
      expect(await page.getByLabel('Thank-you message').inputValue()).toBe(`Tak ${i}`)

      const stored = await call(base, 'GET', `/v1/surveys/${ids[i]}`, secretKey)
      expect(stored.json).toMatchObject({
        name,
        kind: s.kind,
        throttleDays: 14,
        cooldownDays: 20 + i,
        sampleRate: 0.25,
        trigger: { delayMs: 2500, urlMatch: '/orders/*' },
        reviewUrl: 'https://example.com/r2',
        allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
        segmentKeys: ['plan', 'country'],
        texts: {
          en: { question: `Q ${i} en`, followUp: { [negative]: `Why ${i}?` } },
          da: { question: `Q ${i} da`, thankYou: `Tak ${i}` },
        },
      })
      // Fields left alone keep their value (only the diff was sent).
      expect(stored.json.referralUrl).toBe('referralUrl' in s ? s.referralUrl : null)
    }
    expect(problems).toEqual([])
    await context.close()
    // Three surveys, each edited, saved and reloaded: 8 s alone, far longer on a busy machine.
  }, 90_000)

  it("shows the API's 4xx next to the field it is about, and the page stays axe-clean", async () => {
    const { page, context } = await signedIn(browser, base, secretKey, { bypassCSP: true })
    const before = await call(base, 'GET', `/v1/surveys/${ids[1]}`, secretKey)
    await page.goto(`${base}/app/surveys/${ids[1]}`)
    const origins = page.getByLabel(/Allowed origins/)
    // Not an origin (a path): the browser cannot check it, the API refuses it.
    await origins.fill('https://shop.example/checkout')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText(/1 field\(s\) need a change/).waitFor()
    expect(await origins.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await origins.getAttribute('aria-describedby'))!
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/^#1: .*origin/)
    expect(await page.getByText('Something went wrong').count()).toBe(0)
    expect(await axe(page)).toEqual([])
    const stored = await call(base, 'GET', `/v1/surveys/${ids[1]}`, secretKey)
    expect(stored.json).toEqual(before.json)
    await context.close()
  })
})
