// Types shared by the loader and the UI chunk. Types only: nothing here exists at run time.
import type { Eligibility, EligibilityInput, ImpressionInput } from '../../schema/impression'
import type {
  PublicResponseInput,
  PublicResponsePatch,
  ResponseAccepted,
} from '../../schema/response'
import type { PublicSurvey } from '../../schema/survey'
import type { ShowOptions } from './show-options'

export type { Eligibility, EligibilityInput, ImpressionInput }
export type { PublicResponseInput, PublicResponsePatch }
export type { PublicSurvey, ShowOptions }

/** What the widget writes: an answer, a change to it, or an impression. */
export type WriteBody = PublicResponseInput | PublicResponsePatch | ImpressionInput

/** A write's outcome: the id the server stored it under; null when refused for good (4xx);
 * undefined while it stays queued for a retry. */
export type Reply = Pick<ResponseAccepted, 'id'> | null | undefined

/** What a per-survey loader (GET /widget.js?survey=…) puts on its script element: hands out the
 * config it carries, once, when it fits this survey, page and languages (worker/services/
 * widget-loader.ts preludeOf); else undefined and the widget asks. */
export type Preloaded = (
  surveyId: string,
  langs: (string | undefined)[],
) => PublicSurvey | undefined

/** What the loader hands to the UI chunk's `mount`. */
export interface MountContext {
  survey: PublicSurvey
  options: ShowOptions
  /** Style nonce from the script tag's data-nonce, for pages without constructable stylesheets. */
  nonce?: string
  /** Queues in localStorage and sends (see Reply). */
  send(path: string, method: 'POST' | 'PATCH', body: WriteBody): Promise<Reply>
  /** Adds fields to the queued POST of this answer id if it has not gone yet (then true). */
  merge(clientId: string, patch: Partial<PublicResponsePatch>): boolean
  /** The visitor answered or dismissed: the browser is not asked again for throttleDays. */
  contacted(): void
}

export interface UiModule {
  /** Renders the survey in a Shadow DOM host; returns a function that removes it. */
  mount(ctx: MountContext): () => void
}
