// widget.js: reads its script tag, exposes window.Kundepuls, replays calls queued by the embed
// snippet, resends answers kept from an earlier page view. The UI chunk loads only to show.
import { hide, show, type ShowOptions } from './index'
import { configure } from './lib/controller'
import type { Preloaded } from './lib/types'

/** The UI chunk's file, relative to this script (set at build time). */
declare const __KP_UI__: string

// The snippet queues `arguments` objects: iterable, so they spread.
type Call = [name: 'show' | 'hide', args: [options?: ShowOptions]]
const w = window as unknown as { Kundepuls?: { q?: Call[]; show: typeof show; hide: typeof hide } }
// A per-survey loader (widget.js?survey=…) sets `kp` on its script element before this runs.
const script = document.currentScript as (HTMLScriptElement & { kp?: Preloaded }) | null

if (script && !(w.Kundepuls && !w.Kundepuls.q)) {
  const d = script.dataset
  const queued = w.Kundepuls?.q ?? []
  configure({
    base: new URL(script.src).origin,
    nonce: d.nonce,
    defaults: { surveyId: d.survey, touchpoint: d.touchpoint, locale: d.locale },
    loadUi: () => import(/* @vite-ignore */ new URL(__KP_UI__, script.src).href),
    kp: script.kp,
  })
  const api = (w.Kundepuls = { show, hide })
  if (d.survey && !queued.some((c) => c[0] == 'show')) void show()
  for (const [name, args] of queued) api[name]?.(...args)
}
