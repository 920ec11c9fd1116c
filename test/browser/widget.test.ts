// The built widget in real Chromium, served by a real worker, on hostile host pages.
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hostPages, launchBrowser, workerApi, type HostPages } from './harness'

const base = inject('workerUrl')
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

const page = (worker: string, head: string, body = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title>${head}</head>
<body><main><h1>A shop</h1><p>Order confirmed.</p>${body}</main>
<script src="${worker}/widget.js" data-survey="SURVEY" data-touchpoint="purchase" async></script>
</body></html>`

// Global CSS written to break embedded widgets: resets, huge fonts, !important everywhere.
const AGGRESSIVE = `<style>
html { font-size: 5px !important; direction: rtl; }
* { box-sizing: content-box !important; font: italic 31px/3 "Comic Sans MS", cursive !important; color: red !important;
    letter-spacing: 3px !important; text-transform: uppercase !important; margin: 13px !important; padding: 9px !important;
    position: static !important; z-index: -1 !important; line-height: 4 !important;
    width: 50% !important; max-width: 300px !important; height: 20px !important; border: 3px solid red !important; }
/* A transformed or filtered body is the containing block of fixed descendants (scroll locks do this).
   (The same on <html> itself, an ancestor of every element, no embedded widget can undo.) */
body, body * { transform: rotate(2deg) !important; filter: blur(1px) !important; contain: paint !important; opacity: .6 !important; }
button, [role=radio] { background: lime !important; border: 6px dashed red !important; }
div, p, span, form, textarea { display: none !important; }
body > * { float: left !important; }
</style>`

describe.skipIf(!base)('the widget in Chromium', () => {
  let browser: Browser
  let pages: HostPages
  const api = workerApi(base)
  let secretKey = ''

  beforeAll(async () => {
    browser = await launchBrowser()
    secretKey = (await api.createProject()).secretKey
    const csp = (nonce: string) =>
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${base} 'nonce-${nonce}'; connect-src ${base}; style-src 'nonce-${nonce}'; img-src 'none'">`
    pages = await hostPages({
      '/plain': (u) => page(base, '').replace('SURVEY', u.searchParams.get('s')!),
      '/aggressive': (u) => page(base, AGGRESSIVE).replace('SURVEY', u.searchParams.get('s')!),
      '/csp': (u) =>
        page(base, csp('r4nd0m') + `<style nonce="r4nd0m">main{font-family:serif}</style>`).replace(
          'SURVEY',
          u.searchParams.get('s')!,
        ),
    })
  })

  afterAll(async () => {
    await browser?.close()
    await pages?.close()
  })

  async function open(
    path: string,
    surveyId: string,
    options: Parameters<Browser['newContext']>[0] = {},
  ) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options })
    const p = await context.newPage()
    const problems: string[] = []
    p.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
    p.on('pageerror', (e) => problems.push(e.message))
    await p.exposeFunction('__cspViolation', (v: string) => problems.push(`CSP: ${v}`))
    await p.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
      ),
    )
    await p.goto(`${pages.url}${path}?s=${surveyId}`)
    await p.locator('kundepuls-widget [role=radiogroup]').waitFor()
    await p.evaluate(() =>
      Promise.all(
        document
          .querySelector('kundepuls-widget')!
          .shadowRoot!.getAnimations()
          .map((a) => a.finished),
      ),
    )
    return { context, page: p, problems }
  }

  /** Layout and computed styles of the widget's parts: what "renders the same" means. */
  const appearance = (p: Page) =>
    p.evaluate(() => {
      const host = document.querySelector('kundepuls-widget')!
      const root = host.shadowRoot!
      const box = (e: Element) => {
        const r = e.getBoundingClientRect()
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]
      }
      const style = (e: Element) => {
        const s = getComputedStyle(e)
        return [
          s.fontFamily,
          s.fontSize,
          s.fontStyle,
          s.lineHeight,
          s.color,
          s.backgroundColor,
          s.letterSpacing,
          s.textTransform,
          s.borderTopWidth,
          s.borderTopStyle,
          s.opacity,
          s.filter,
          s.transform,
          s.display,
        ].join('|')
      }
      const parts = ['.c', '.q', '[role=radiogroup]', '[role=radio]', '.e span', '.x'].map((sel) =>
        root.querySelector(sel)!,
      )
      return {
        host: box(host),
        hostStyle: style(host),
        parts: parts.map((e) => [box(e), style(e)]),
      }
    })

  const answers = async (surveyId: string, want: number) => {
    for (let i = 0; i < 50; i++) {
      const rows = await api.responses(secretKey, surveyId)
      if (rows.length >= want) return rows
      await new Promise((r) => setTimeout(r, 100))
    }
    return api.responses(secretKey, surveyId)
  }

  it('renders the same on a page with aggressive global CSS, and the answer reaches the worker', async () => {
    const plainSurvey = await api.createSurvey(secretKey)
    const hostileSurvey = await api.createSurvey(secretKey, {
      reviewUrl: 'https://example.com/review',
    })
    const plain = await open('/plain', plainSurvey.id)
    const hostile = await open('/aggressive', hostileSurvey.id)
    expect(await appearance(hostile.page)).toEqual(await appearance(plain.page))
    const shot = (p: Page) =>
      p.locator('kundepuls-widget [role=radiogroup]').screenshot({ animations: 'disabled' })
    expect((await shot(hostile.page)).equals(await shot(plain.page))).toBe(true)
    // Fixed in the corner: the page did not move to make room.
    const box = await hostile.page.locator('kundepuls-widget').boundingBox()
    expect(box!.x + box!.width).toBe(1280 - 16)
    expect(box!.y + box!.height).toBe(800 - 16)

    await hostile.page.locator('kundepuls-widget [role=radio]', { hasText: /^3$/ }).click()
    await hostile.page.locator('kundepuls-widget textarea').fill('The parcel was late')
    await hostile.page.locator('kundepuls-widget input[type=checkbox]').check()
    // An anonymous visitor who consents gives an address: the browser refuses to send without.
    await hostile.page.locator('kundepuls-widget button[type=submit]').click()
    const mail = hostile.page.locator('kundepuls-widget input[type=email]')
    expect(await mail.evaluate((e: HTMLInputElement) => e.validity.valueMissing)).toBe(true)
    await mail.fill('ann@example.com')
    await hostile.page.locator('kundepuls-widget button[type=submit]').click()
    await hostile.page.locator('kundepuls-widget a', { hasText: 'Write a public review' }).waitFor()
    // The thank-you step shows before the reason's PATCH has landed: wait for it.
    await expect
      .poll(async () => (await api.responses(secretKey, hostileSurvey.id))[0]?.reason)
      .toBe('The parcel was late')
    const [row] = await answers(hostileSurvey.id, 1)
    expect(row).toMatchObject({
      score: 3,
      category: 'detractor',
      touchpoint: 'purchase',
      channel: 'widget',
      contactConsent: true,
      email: 'ann@example.com',
    })
    expect(hostile.problems).toEqual([])
    await plain.context.close()
    await hostile.context.close()
  })

  it('works under a strict CSP (no unsafe-inline) with no violation, and answers by keyboard', async () => {
    const survey = await api.createSurvey(secretKey)
    const plain = await open('/plain', survey.id)
    const { context, page: p, problems } = await open('/csp', survey.id)
    expect(await appearance(p)).toEqual(await appearance(plain.page))
    await plain.context.close()
    await p.locator('kundepuls-widget button.x').focus()
    await p.keyboard.press('Tab')
    await p.keyboard.press('ArrowRight')
    await p.keyboard.press('ArrowRight')
    await p.keyboard.press('ArrowRight')
    const checked = p.locator('kundepuls-widget [role=radio][aria-checked=true]')
    await expect.poll(() => checked.textContent()).toBe('3')
    expect(await api.responses(secretKey, survey.id)).toEqual([]) // arrows never send
    await p.keyboard.press('ArrowRight')
    await p.keyboard.press('Enter')
    await p.locator('kundepuls-widget textarea').waitFor()
    // Focus moved to the follow-up field.
    expect(
      await p.evaluate(
        () => document.querySelector('kundepuls-widget')!.shadowRoot!.activeElement?.tagName,
      ),
    ).toBe('TEXTAREA')
    await p.keyboard.press('Escape')
    await p.locator('kundepuls-widget').waitFor({ state: 'detached' })
    const [row] = await answers(survey.id, 1)
    expect(row).toMatchObject({ score: 4, category: 'detractor' })
    expect(problems).toEqual([])
    await context.close()
  })

  it('reports no axe-core violations in any step, light or dark, desktop or phone, LTR or RTL', async () => {
    const survey = await api.createSurvey(secretKey, {
      referralUrl: 'https://example.com/r',
      reviewUrl: 'https://example.com/v',
    })
    const variants = [
      { colorScheme: 'light' as const },
      {
        colorScheme: 'dark' as const,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      },
      { colorScheme: 'light' as const, locale: 'ar' },
    ]
    for (const v of variants) {
      const { context, page: p } = await open('/plain', survey.id, v)
      const audit = async (step: string) => {
        await p.waitForTimeout(250) // let the entry animation finish: axe measures colours
        if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: axePath })
        const violations = await p.evaluate(async () => {
          const r = await (window as any).axe.run(document, {
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
            },
          })
          return r.violations.map(
            (x: any) => `${x.id}: ${x.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
          )
        })
        expect(violations, `${step} ${JSON.stringify(v)}`).toEqual([])
      }
      await audit('score')
      await p.locator('kundepuls-widget [role=radio]', { hasText: /^10$/ }).click()
      await p.locator('kundepuls-widget textarea').waitFor()
      await audit('follow-up')
      // The compact scale on the follow-up step: another score changes the answer.
      await p.locator('kundepuls-widget .sc [role=radio]', { hasText: /^2$/ }).click()
      await p.locator('kundepuls-widget input[type=checkbox]').waitFor()
      await audit('follow-up, score changed')
      await p.locator('kundepuls-widget button[type=submit]').click()
      await p.locator('kundepuls-widget .t').waitFor()
      await audit('thanks')
      await context.close()
    }
  })

  it('never shows a survey on a page its allowedOrigins leaves out, and says so once in the console', async () => {
    const survey = await api.createSurvey(secretKey, { allowedOrigins: ['https://shop.example'] })
    const context = await browser.newContext()
    const p = await context.newPage()
    const warnings: string[] = []
    p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await p.goto(`${pages.url}/plain?s=${survey.id}`)
    await expect.poll(() => warnings.filter((w) => w.includes('Kundepuls')).length).toBe(1)
    expect(warnings.join()).toContain(new URL(pages.url).origin)
    expect(warnings.join()).toContain('allowedOrigins')
    expect(await p.locator('kundepuls-widget').count()).toBe(0)
    await new Promise((r) => setTimeout(r, 300))
    expect(warnings.filter((w) => w.includes('Kundepuls'))).toHaveLength(1)
    expect(await api.responses(secretKey, survey.id)).toEqual([])
    await context.close()
  })

  it('keeps an answer made offline and sends it once on the next page view', async () => {
    const survey = await api.createSurvey(secretKey)
    const { context, page: p } = await open('/plain', survey.id)
    await context.setOffline(true)
    await p.locator('kundepuls-widget [role=radio]', { hasText: /^8$/ }).click()
    await p.locator('kundepuls-widget [role=status]', { hasText: 'offline' }).waitFor()
    const queued = await p.evaluate(() => JSON.parse(localStorage.getItem('kp:q')!))
    expect(queued.some((i: any) => i.p === '/v1/public/responses' && i.b.score === 8)).toBe(true)
    await context.setOffline(false)
    await p.reload()
    await expect
      .poll(() => p.evaluate(() => localStorage.getItem('kp:q')), { timeout: 10_000 })
      .toBe('[]')
    const rows = await answers(survey.id, 1)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 8, category: 'passive' })
    // Answered: the same browser is not asked again (throttleDays 90).
    expect(await p.locator('kundepuls-widget').count()).toBe(0)
    await context.close()
  })
})
