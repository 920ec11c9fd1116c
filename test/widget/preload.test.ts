// The config a per-survey loader (GET /widget.js?survey=…) carries: used instead of the config
// request only for its survey, on the page origin the worker checked and when the page's
// languages pick the same locale; every other check (throttle, sampling, trigger) still holds.
import { waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { localeOfPrimary } from '../../schema/i18n'
import type { Locale } from '../../schema/constants'
import type { WidgetPreload } from '../../schema/survey'
import { widgetLocale } from '../../schema/widget-messages'
import { preludeOf } from '../../worker/lib/loader-prelude'
import type { Preloaded } from '../../widget/lib/types'
import { BASE, BUILDS, FakeWorker, host, survey, widget, reset, type SurveyConfig } from './helpers'

const [, loadUi] = BUILDS[0]
const settle = () => new Promise((r) => setTimeout(r, 30))

afterEach(reset)

/** Runs the worker's prelude as the browser would, against a script element: its `kp`. */
function preloadedBy(preload: WidgetPreload): Preloaded {
  const script = document.createElement('script') as HTMLScriptElement & { kp?: Preloaded }
  new Function('document', preludeOf(preload))({ currentScript: script })
  return script.kp!
}

const preload = (s: SurveyConfig, locale: Locale = 'en', o = location.origin): WidgetPreload => ({
  o,
  m: localeOfPrimary(),
  s: { ...s, ...widgetLocale(locale) },
})

/** A page view whose loader carries `p`. */
async function pageView(worker: FakeWorker, p: WidgetPreload) {
  vi.stubGlobal('fetch', worker.fetch)
  vi.resetModules()
  const controller = await import('../../widget/lib/controller')
  const ui = vi.fn(loadUi)
  controller.configure({ base: BASE, loadUi: ui, kp: preloadedBy(p) })
  return { ...controller, ui }
}

const configCalls = (worker: FakeWorker) =>
  worker.calls.filter((c) => c.method === 'GET' && c.path.startsWith('/v1/public/surveys/'))

describe('the config a per-survey loader carries', () => {
  it('shows the survey without asking for its config, once: a later show() asks', async () => {
    const s = survey({ id: 'srv_pre' })
    const worker = new FakeWorker(s)
    const kp = await pageView(worker, preload(s))
    await kp.show({ surveyId: 'srv_pre' })
    await widget()
    expect(configCalls(worker)).toEqual([])
    kp.hide()
    await kp.show({ surveyId: 'srv_pre' })
    await widget()
    expect(configCalls(worker)).toHaveLength(1)
  })

  it('asks instead for another survey, another page origin, or when the page’s language picks another locale', async () => {
    const s = survey({ id: 'srv_pre' })
    const cases: [WidgetPreload, string, string?][] = [
      [preload(survey({ id: 'srv_other' })), 'another survey'],
      [preload(s, 'en', 'https://elsewhere.example'), 'another origin'],
      [preload(s, 'en'), 'the page is Danish', 'da-DK'],
    ]
    for (const [p, label, lang] of cases) {
      document.documentElement.lang = lang ?? ''
      const worker = new FakeWorker(s)
      const kp = await pageView(worker, p)
      await kp.show({ surveyId: 'srv_pre' })
      await widget()
      expect(configCalls(worker), label).toHaveLength(1)
      kp.hide()
    }
    // A Danish page and a Danish config: nothing to ask.
    document.documentElement.lang = 'da-DK'
    const worker = new FakeWorker(s)
    const kp = await pageView(worker, preload(s, 'da'))
    await kp.show({ surveyId: 'srv_pre' })
    expect((await widget()).getByRole('button', { name: 'Luk' })).toBeTruthy()
    expect(configCalls(worker)).toEqual([])
  })

  it('still throttles and samples: a contacted browser or one out of the sample loads no UI', async () => {
    for (const [s, before] of [
      [survey({ id: 'srv_t' }), () => localStorage.setItem('kp:t:srv_t', String(Date.now()))],
      [survey({ id: 'srv_s', sampleRate: 0 }), () => {}],
    ] as const) {
      before()
      const worker = new FakeWorker(s)
      const kp = await pageView(worker, preload(s))
      await kp.show({ surveyId: s.id })
      await settle()
      expect(host(), s.id).toBeNull()
      expect(kp.ui, s.id).not.toHaveBeenCalled()
      expect(configCalls(worker)).toEqual([])
    }
  })

  it('waits for the trigger and asks about eligibility as before', async () => {
    const s = survey({ id: 'srv_trig', trigger: { delayMs: 0, urlMatch: '/checkout/*' } })
    const worker = new FakeWorker(s)
    worker.eligible = false
    const kp = await pageView(worker, preload(s))
    await kp.show({ surveyId: 'srv_trig', customerId: 'cus_1' })
    await waitFor(() =>
      expect(worker.calls.map((c) => c.path)).toContain('/v1/public/surveys/srv_trig/eligibility'),
    )
    await settle()
    expect(host()).toBeNull()
  })
})

describe('the per-survey loader script', () => {
  it('hands its config to the widget it starts: decided without a config request', async () => {
    const s = survey({ id: 'srv_tag' })
    const worker = new FakeWorker(s)
    vi.stubGlobal('fetch', worker.fetch)
    const script = document.createElement('script') as HTMLScriptElement & { kp?: Preloaded }
    script.src = `${BASE}/widget.js?survey=srv_tag`
    script.dataset.survey = 'srv_tag'
    new Function('document', preludeOf(preload(s)))({ currentScript: script })
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true })
    vi.resetModules()
    await import('../../widget/loader')
    // Sampled (so the config was there) with no request for it. (The UI chunk's import fails
    // here: there is no built chunk next to a fake script URL.)
    await waitFor(() => expect(localStorage.getItem('kp:r:srv_tag')).not.toBeNull())
    expect(configCalls(worker)).toEqual([])
    const w = window as { Kundepuls?: { hide(): void } }
    w.Kundepuls!.hide()
    delete (document as { currentScript?: unknown }).currentScript
    delete w.Kundepuls
  })
})
