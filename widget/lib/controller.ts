// Decides whether to show a survey (config, throttle, sampling, eligibility, trigger) and only
// then loads the UI chunk. One survey at a time: show() replaces, hide() removes.
// Before the survey is visible, two requests run in series: the config (with the texts of the
// visitor's language), then the UI chunk, fetched as soon as this browser may be asked. A
// per-survey loader (widget.js?survey=…) brings the config along: then only the UI chunk.
import { api, flush, mergeQueued, send, setBase } from './queue'
import { contacted, sampled, throttled } from './throttle'
import { whenTriggered } from './trigger'
import type {
  Eligibility,
  EligibilityInput,
  Preloaded,
  PublicSurvey,
  ShowOptions,
  UiModule,
} from './types'

interface Config {
  base: string
  nonce?: string
  defaults: ShowOptions
  loadUi?: () => Promise<UiModule>
  /** The config this page's loader carries, if it fits (see Preloaded). */
  kp?: Preloaded
}

const config: Config = { base: '', defaults: {} }
let stop: (() => void) | undefined

export function configure(c: Partial<Config>) {
  Object.assign(config, c)
  setBase(config.base)
  void flush()
}

/** A read (or the eligibility question): never queued; nothing on any failure. A refusal is
 * logged with the server's words once per show(): e.g. the page's origin missing from the
 * survey's allowedOrigins, which would refuse every answer (issue 17.5). */
const ask = <T>(path: string, body?: object): Promise<T | void> =>
  api(path, body && 'POST', body)
    .then((r) => r.json().then((b) => (r.ok ? b : console.warn('Kundepuls:', b.detail))))
    .catch(() => {})

// stop() may run more than once: a survey's stop only sets a flag, clears timers and unmounts.
export function hide() {
  stop?.()
}

export async function show(options?: ShowOptions): Promise<void> {
  hide()
  const o = { ...config.defaults, ...options }
  if (!o.surveyId) return
  let alive = true
  let cancel: (() => void) | undefined
  // After the visitor closed the UI, a later hide() calls this again: unmounting twice is a no-op.
  stop = () => {
    alive = false
    cancel?.()
  }
  const id = encodeURIComponent(o.surveyId)
  // The visitor's languages, best first: the config brings the texts of the first one supported.
  const langs = [o.locale, document.documentElement.lang, ...navigator.languages]
  const survey =
    config.kp?.(o.surveyId, langs) ??
    (await ask<PublicSurvey>(`/v1/public/surveys/${id}?locale=${encodeURIComponent(langs.join())}`))
  if (!alive || !survey || throttled(survey) || !sampled(survey)) return
  // This browser may be asked: fetch the UI now, alongside the eligibility question and the
  // trigger's wait, so that the survey shows one request after its config.
  const ui = config.loadUi?.().catch(() => {})
  if (o.customerId) {
    const e = await ask<Eligibility>(`/v1/public/surveys/${id}/eligibility`, {
      customerId: o.customerId,
      customerHash: o.customerHash,
    } satisfies EligibilityInput)
    if (!alive || !e?.eligible) return
  }
  cancel = whenTriggered(survey.trigger, async () => {
    const m = await ui
    if (!alive || !m) return
    cancel = m.mount({
      survey,
      options: o,
      nonce: config.nonce,
      send,
      merge: mergeQueued,
      contacted: () => contacted(survey),
    })
  })
}
