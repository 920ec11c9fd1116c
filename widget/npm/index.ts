// @kundepuls/widget: the widget for apps built with a bundler. It decides like widget.js (config,
// throttle, sampling, eligibility, trigger) and renders in its own Shadow DOM; the UI is a dynamic
// import(), so the app's bundler splits it out and the browser loads it only when a survey shows.
// The exports are typed here, not re-exported, so that the declarations stand alone (no zod).
import { configure, hide as hideSurvey, show as showSurvey } from '../lib/controller'
import type { ShowOptions as ScriptShowOptions } from '../lib/show-options'

/** What show() takes: the script tag's options, with `surveyId` required, since a package has no
 * `data-survey` attribute to fall back on (without it, show() would do nothing). */
export interface ShowOptions extends ScriptShowOptions {
  /** The survey to show (`srv_…`), from the dashboard or `POST /v1/surveys`. */
  surveyId: string
}

export interface InitOptions {
  /** Where your Kundepuls worker answers, e.g. `https://feedback.example.com`. */
  baseUrl: string
  /** A style nonce, for a strict CSP in browsers without constructable stylesheets. */
  nonce?: string
}

/** Call once before show(): also resends answers an earlier visit could not send. */
export function init({ baseUrl, nonce }: InitOptions): void {
  configure({ base: baseUrl.replace(/\/+$/, ''), nonce, loadUi: () => import('../ui/index') })
}

/** Shows the survey if this visitor may be asked now; the options are those of the script tag. */
export const show: (options: ShowOptions) => Promise<void> = showSurvey

/** Removes the survey (without counting it as dismissed). */
export const hide: () => void = hideSurvey
