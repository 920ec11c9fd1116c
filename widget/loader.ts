// widget.js: reads its script tag, exposes window.Kundepuls, replays calls queued by the embed
// snippet, resends answers kept from an earlier page view. The UI chunk loads only to show.
import { hide, show, type ShowOptions } from './index'
import { configure } from './lib/controller'

/** The UI chunk's file, relative to this script (set at build time). */
declare const __KP_UI__: string

type Call = [name: 'show' | 'hide', args: ArrayLike<ShowOptions>]
const w = window as unknown as { Kundepuls?: { q?: Call[]; show: typeof show; hide: typeof hide } }
const script = document.currentScript as HTMLScriptElement | null

if (script && !(w.Kundepuls && !w.Kundepuls.q)) {
  const d = script.dataset
  const queued = w.Kundepuls?.q ?? []
  configure({
    base: new URL(script.src).origin,
    nonce: d.nonce,
    defaults: { surveyId: d.survey, touchpoint: d.touchpoint, locale: d.locale },
    loadUi: () => import(/* @vite-ignore */ new URL(__KP_UI__, script.src).href),
  })
  const api = (w.Kundepuls = { show, hide })
  if (d.survey && !queued.some((c) => c[0] == 'show')) void show()
  for (const [name, args] of queued) api[name]?.(...(Array.from(args) as [ShowOptions]))
}
