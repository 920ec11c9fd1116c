// Screenshots of every dashboard page for a human to look at (not a test):
//   node test/browser/dashboard-screenshots.mjs [base URL] [key]
// Defaults: http://127.0.0.1:8787 and the secret key in .wrangler/demo.json (npm start seeds it).
// Writes screenshots/dashboard-<page>-<1280|390>-<light|dark>.png.
import { mkdirSync, readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium-args.mjs'

const base = process.argv[2] ?? 'http://127.0.0.1:8787'
const demo = JSON.parse(readFileSync('.wrangler/demo.json', 'utf8'))
const key = process.argv[3] ?? demo.secretKey
const only = process.env.PAGES?.split(',')
mkdirSync('screenshots', { recursive: true })
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

// The newest open follow-up, for the answer page (/app/responses/:id).
const pending = await fetch(`${base}/v1/responses?polarity=negative&followUp=pending&limit=1`, {
  headers: { authorization: `Bearer ${key}` },
}).then((r) => r.json())

const PAGES = [
  ['overview', '/app/overview' + (process.env.QS ?? '')],
  ['responses', '/app/responses'],
  ['inbox', '/app/inbox'],
  ['customers', '/app/customers'],
  ['surveys', '/app/surveys'],
  ['settings', '/app/settings'],
  ['customer', '/app/customers/cus_risk1'],
  ['survey', `/app/surveys/${demo.surveyId}`],
  ...(pending.data?.[0] ? [['answer', `/app/responses/${pending.data[0].id}`]] : []),
]

for (const [width, height] of [
  [1280, 900],
  [390, 844],
]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width, height },
      colorScheme: scheme,
      isMobile: width < 500,
    })
    const page = await context.newPage()
    page.on('pageerror', (e) => console.error('pageerror', e.message))
    await page.goto(`${base}/app`)
    if (width === 1280 && scheme === 'light')
      await page.screenshot({ path: `screenshots/dashboard-signin-${width}-${scheme}.png` })
    await page.getByLabel('API key').fill(key)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.locator('nav[aria-label]').waitFor()
    for (const [name, path] of PAGES) {
      if (only && !only.includes(name)) continue
      await page.goto(base + path)
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      if (name === 'survey') {
        await page.getByRole('button', { name: 'Show preview' }).click()
        await page.locator('kundepuls-widget').waitFor()
      }
      await page.waitForTimeout(400)
      await page.screenshot({
        path: `screenshots/dashboard-${name}-${width}-${scheme}.png`,
        fullPage: !['inbox', 'responses'].includes(name),
      })
    }
    await context.close()
  }
}
await browser.close()
console.log('screenshots written to screenshots/dashboard-*.png')
