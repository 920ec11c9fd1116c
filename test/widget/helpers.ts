// Widget test helpers: a fake worker behind fetch, a fresh widget per test (a "page view"), and
// the two builds the flows run against: the sources and the minified UI chunk in dist/public.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { waitFor, within } from '@testing-library/preact'
import { vi } from 'vitest'
import { widgetLocale } from '../../schema/widget-messages'
import type { PublicSurvey, UiModule } from '../../widget/lib/types'

export const BASE = 'http://kundepuls.test'

// happy-dom replaces the global URL, which node:fs refuses: plain paths here.
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')

const distUi = () => {
  const dir = join(ROOT, 'dist/public/w')
  const file = readdirSync(dir).find((f) => /^ui\.[0-9a-f]+\.js$/.test(f))
  if (!file)
    throw new Error('No built UI chunk in dist/public/w: run `npm run build` (npm test does).')
  return pathToFileURL(join(dir, file)).href
}

/** The UI implementations every flow runs against. */
export const BUILDS: [string, () => Promise<UiModule>][] = [
  ['sources', () => import('../../widget/ui/index')],
  ['minified build', () => import(/* @vite-ignore */ distUi())],
]

export interface Call {
  method: string
  path: string
  /** The query string, e.g. `?locale=da` */
  search: string
  body: any
}

/** A survey as stored; the fake worker adds the texts for the locale the widget asks for. */
export type SurveyConfig = Omit<PublicSurvey, 'locale' | 'messages'>

export function survey(extra: Partial<SurveyConfig> = {}): SurveyConfig {
  return {
    id: 'srv_test',
    kind: 'nps',
    texts: {},
    throttleDays: 90,
    sampleRate: 1,
    referralUrl: 'https://example.com/refer',
    reviewUrl: 'https://example.com/review',
    trigger: { delayMs: 0 },
    requireSignedIdentity: false,
    ...extra,
  }
}

/** A fake worker: answers like the real one; `fail` makes writes fail (network or a status). */
export class FakeWorker {
  calls: Call[] = []
  surveys = new Map<string, SurveyConfig>()
  fail: 'network' | number | null = null
  eligible = true
  /** The page's origin is not in the survey's allowedOrigins: the config is refused (403). */
  originRefused = false

  constructor(...list: SurveyConfig[]) {
    for (const s of list) this.surveys.set(s.id, s)
  }

  writes = (path?: string) =>
    this.calls.filter((c) => c.method !== 'GET' && (!path || c.path.startsWith(path)))

  fetch = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input)
    const method = init.method ?? 'GET'
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    this.calls.push({ method, path: url.pathname, search: url.search, body })
    const json = (b: unknown, status = 200) =>
      new Response(JSON.stringify(b), { status, headers: { 'content-type': 'application/json' } })
    const m = url.pathname.match(/^\/v1\/public\/surveys\/([^/]+)(\/eligibility)?$/)
    if (m) {
      const s = this.surveys.get(decodeURIComponent(m[1]))
      if (!s) return json({ status: 404 }, 404)
      if (this.originRefused)
        return json(
          {
            status: 403,
            code: 'origin_not_allowed',
            detail: `This survey does not accept answers from ${location.origin}: add it to the survey's allowedOrigins.`,
          },
          403,
        )
      if (m[2]) return json({ eligible: this.eligible })
      return json({ ...s, ...widgetLocale(url.searchParams.get('locale') ?? undefined) })
    }
    if (this.fail === 'network') throw new TypeError('Failed to fetch')
    if (typeof this.fail === 'number') return json({ status: this.fail }, this.fail)
    const category = (score: number) =>
      score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
    if (url.pathname === '/v1/public/responses') {
      return json({ id: body.id, category: category(body.score) }, 201)
    }
    if (url.pathname.startsWith('/v1/public/responses/')) {
      const id = url.pathname.split('/').pop()
      return json(body.score === undefined ? { id } : { id, category: category(body.score) })
    }
    if (url.pathname === '/v1/public/impressions')
      return json({ id: body.id, type: body.type }, 201)
    return json({ status: 404 }, 404)
  }
}

/**
 * A fresh widget, as on a new page view: new module instances (the queue and controller hold
 * state), configured against the fake worker with the given UI build.
 */
export async function pageView(worker: FakeWorker, loadUi: () => Promise<UiModule>, defaults = {}) {
  vi.stubGlobal('fetch', worker.fetch)
  vi.resetModules()
  const controller = await import('../../widget/lib/controller')
  controller.configure({ base: BASE, defaults, loadUi })
  return controller
}

export const host = () => document.querySelector('kundepuls-widget') as HTMLElement | null

/**
 * Queries inside the widget's shadow root (its card), once it has rendered. The minified chunk
 * bundles its own Preact, which testing-library's act() cannot flush: assert with waitFor/find*.
 */
export async function widget() {
  const card = await waitFor(() => {
    const c = host()?.shadowRoot?.querySelector('.c')
    if (!c) throw new Error('widget not rendered')
    return c as HTMLElement
  })
  return within(card)
}

export const radios = (w: Awaited<ReturnType<typeof widget>>) =>
  w.getAllByRole('radio') as HTMLButtonElement[]

export function reset() {
  document.querySelectorAll('kundepuls-widget').forEach((e) => e.remove())
  localStorage.clear()
  document.documentElement.lang = ''
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
}
