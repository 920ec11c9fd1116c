// Types shared by the loader and the UI chunk. Types only: nothing here exists at run time.
import type { PublicSurvey } from '../../schema/survey'
import type { ShowOptions } from './show-options'

export type { PublicSurvey, ShowOptions }

/** What the loader hands to the UI chunk's `mount`. */
export interface MountContext {
  survey: PublicSurvey
  options: ShowOptions
  /** Style nonce from the script tag's data-nonce, for pages without constructable stylesheets. */
  nonce?: string
  /** Queues in localStorage and sends: resolves to the JSON body, null when refused (4xx),
   * undefined while queued for a retry. */
  send(path: string, method: 'POST' | 'PATCH', body: Record<string, unknown>): Promise<any>
  /** Adds fields to the queued POST of this answer id if it has not gone yet (then true). */
  merge(clientId: string, patch: Record<string, unknown>): boolean
  /** The visitor answered or dismissed: the browser is not asked again for throttleDays. */
  contacted(): void
}

export interface UiModule {
  /** Renders the survey in a Shadow DOM host; returns a function that removes it. */
  mount(ctx: MountContext): () => void
}
