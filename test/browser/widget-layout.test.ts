// The widget's layout in Chromium at phone to desktop widths: the close × never covers a score
// (or any other control or line of text) on any step, and the 0–10 scale is one row from 360 px.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hostPages, launchBrowser, workerApi, type HostPages } from './harness'

const base = inject('workerUrl')
const WIDTHS = [320, 360, 390, 768, 1280, 1440]
/** The 0–10 scale is one row from this width up (below it, it may wrap). */
const ONE_ROW_FROM = 360

interface Box {
  what: string
  x: number
  y: number
  right: number
  bottom: number
}

/** The boxes of the ×, the scale's buttons, the other controls and each line of text, in the shadow root. */
const boxes = (p: Page) =>
  p.evaluate(() => {
    const root = document.querySelector('kundepuls-widget')!.shadowRoot!
    const box = (what: string, r: DOMRect) => ({
      what,
      x: r.x,
      y: r.y,
      right: r.right,
      bottom: r.bottom,
    })
    const of = (sel: string) =>
      [...root.querySelectorAll(sel)].map((e) =>
        box(e.getAttribute('aria-label') ?? e.textContent!.trim(), e.getBoundingClientRect()),
      )
    // Text as laid out (a line box per rect), not its block, which spans the padding kept for ×.
    const lines = [...root.querySelectorAll('.q,.f,.t,.e span,.k span,.m')].flatMap((e) => {
      const range = document.createRange()
      range.selectNodeContents(e)
      return [...range.getClientRects()].map((r) => box(`text "${e.textContent!.trim()}"`, r))
    })
    return {
      close: of('.x')[0]!,
      card: of('.c')[0]!,
      scale: of('[role=radio]'),
      others: [...of('textarea, input, .btn'), ...lines].filter((b) => b.right > b.x),
    }
  })

const overlaps = (a: Box, b: Box) =>
  a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom

describe.skipIf(!base)('the widget’s layout from 320 to 1440 px', () => {
  let browser: Browser
  let pages: HostPages
  const api = workerApi(base)
  let secretKey = ''
  const surveys: Record<string, string> = {}

  beforeAll(async () => {
    browser = await launchBrowser()
    secretKey = (await api.createProject('Layout shop')).secretKey
    for (const kind of ['nps', 'ces', 'csat'])
      surveys[kind] = (await api.createSurvey(secretKey, { kind })).id
    pages = await hostPages({
      '/': (u) => `<!doctype html>
<html lang="${u.searchParams.get('lang')}"><head><meta charset="utf-8"><title>Host page</title></head>
<body><main><h1>A shop</h1></main>
<script src="${base}/widget.js" data-survey="${u.searchParams.get('s')}" async></script>
</body></html>`,
    })
  })

  afterAll(async () => {
    await browser?.close()
    await pages?.close()
  })

  /** The × overlaps nothing; the scale stays inside the card (in one row from 360 px), the card
   * on the screen. */
  function check(b: Awaited<ReturnType<typeof boxes>>, where: string, width: number) {
    expect(b.close.right - b.close.x, where).toBeGreaterThanOrEqual(24) // a real target
    for (const s of [...b.scale, ...b.others])
      expect(overlaps(b.close, s), `${where}: × over ${s.what}`).toBe(false)
    for (const s of b.scale) {
      expect(s.x, `${where}: ${s.what}`).toBeGreaterThanOrEqual(b.card.x)
      expect(s.right, `${where}: ${s.what}`).toBeLessThanOrEqual(b.card.right)
    }
    expect(b.card.x, where).toBeGreaterThanOrEqual(0)
    expect(b.card.right, where).toBeLessThanOrEqual(width)
    const rows = new Set(b.scale.map((s) => Math.round(s.y)))
    if (b.scale.length === 11 && width >= ONE_ROW_FROM) expect(rows.size, `${where}: rows`).toBe(1)
  }

  /** Walks score → follow-up → thanks at one width (and, with `sweep`, resizes the page through
   * every width from 320 to 1440 px in 10 px steps on each step); checks every step's boxes. */
  async function walk(width: number, kind: string, lang: string, score: string, sweep = false) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${pages.url}/?s=${surveys[kind]}&lang=${lang}`)
    const root = page.locator('kundepuls-widget')
    await root.locator('[role=radiogroup]').waitFor()
    await page.evaluate(() =>
      Promise.all(
        document
          .querySelector('kundepuls-widget')!
          .shadowRoot!.getAnimations()
          .map((a) => a.finished),
      ),
    )
    const steps: Record<string, Awaited<ReturnType<typeof boxes>>> = {}
    const measure = async (step: string) => {
      steps[step] = await boxes(page)
      check(steps[step], `${kind} ${lang} ${width} px, ${step}`, width)
      if (!sweep) return
      for (let w = 320; w <= 1440; w += 10) {
        await page.setViewportSize({ width: w, height: 900 })
        check(await boxes(page), `${kind} ${lang} resized to ${w} px, ${step}`, w)
      }
      await page.setViewportSize({ width, height: 900 })
    }
    await measure('score')
    await root.locator('[role=radio]', { hasText: new RegExp(`^${score}$`) }).click()
    await root.locator('textarea').waitFor()
    await measure('follow-up')
    await root.locator('button[type=submit]').click()
    await root.locator('.t').waitFor()
    await measure('thanks')
    await context.close()
    return steps
  }

  for (const width of WIDTHS)
    it(`keeps the × off the 0–10 scale and every other control on every step at ${width} px${width >= ONE_ROW_FROM ? ', the scale in one row' : ''}`, async () => {
      const steps = await walk(width, 'nps', 'en', width < 768 ? '5' : '10')
      for (const step of ['score', 'follow-up'] as const) {
        const { scale } = steps[step]
        expect(scale, step).toHaveLength(11) // and so in one row from 360 px (check())
      }
      expect(steps.thanks.scale).toEqual([])
    })

  it('keeps the × off everything at every width from 320 to 1440 px, 10 px apart, on every step', async () => {
    await walk(390, 'nps', 'en', '3', true)
  }, 120_000)

  for (const width of [320, 390, 1280])
    it(`keeps the × off the scale in a right-to-left language and on the CES and CSAT scales at ${width} px`, async () => {
      const rtl = await walk(width, 'nps', 'ar', '0')
      // Mirrored: the × is on the left, next to 0's end of the scale.
      expect(rtl.score.close.x).toBeLessThan(rtl.score.card.x + 50)
      await walk(width, 'ces', 'en', '7')
      await walk(width, 'csat', 'en', '5')
    }, 60_000)
})
