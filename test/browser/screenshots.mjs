// Screenshots of the demo page for a human to look at (not a test):
//   node test/browser/screenshots.mjs [base URL, default http://127.0.0.1:8787]
// Writes screenshots/demo-{light,dark,mobile,rtl,…}.png.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium-args.mjs'

const base = process.argv[2] ?? 'http://127.0.0.1:8787'
mkdirSync('screenshots', { recursive: true })
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

const shots = [
  { name: 'light', query: '', scheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'dark', query: '', scheme: 'dark', viewport: { width: 1280, height: 800 } },
  {
    name: 'mobile',
    query: '',
    scheme: 'light',
    viewport: { width: 390, height: 844 },
    mobile: true,
  },
  { name: 'rtl', query: '?locale=ar', scheme: 'light', viewport: { width: 1280, height: 800 } },
  {
    name: 'followup',
    query: '',
    scheme: 'light',
    viewport: { width: 1280, height: 800 },
    pick: '3',
  },
  {
    name: 'thanks',
    query: '',
    scheme: 'dark',
    viewport: { width: 1280, height: 800 },
    pick: '10',
    send: true,
  },
  {
    name: 'mobile-rtl',
    query: '?locale=he',
    scheme: 'dark',
    viewport: { width: 390, height: 844 },
    mobile: true,
  },
]
for (const s of shots) {
  const context = await browser.newContext({
    viewport: s.viewport,
    colorScheme: s.scheme,
    isMobile: !!s.mobile,
    hasTouch: !!s.mobile,
    deviceScaleFactor: s.mobile ? 2 : 1,
  })
  const page = await context.newPage()
  await page.goto(`${base}/demo${s.query}`)
  await page.locator('kundepuls-widget [role=radiogroup]').waitFor()
  if (s.pick) {
    await page
      .locator('kundepuls-widget [role=radio]', { hasText: new RegExp(`^${s.pick}$`) })
      .click()
    await page.locator('kundepuls-widget textarea').waitFor()
    if (s.send) {
      await page.locator('kundepuls-widget textarea').fill('Great beans, fast delivery.')
      await page.locator('kundepuls-widget button[type=submit]').click()
      await page.locator('kundepuls-widget .t').waitFor()
    }
  }
  await page.waitForTimeout(400) // the slide-in animation
  const path = `screenshots/demo-${s.name}.png`
  await page.screenshot({ path })
  console.log(path)
  await context.close()
}
await browser.close()
