// Types shared by the loader and the UI chunk. Types only: nothing here exists at run time.
import type { PublicSurvey } from '../../schema/survey'
import type { Properties } from '../../schema/fields'

export type { PublicSurvey }

/** What a page passes to `Kundepuls.show()`; the script tag's data-* attributes fill the gaps. */
export interface ShowOptions {
  surveyId?: string
  touchpoint?: string
  /** Order or ticket id: one answer per (survey, customer, ref). */
  ref?: string
  customerId?: string
  /** hex HMAC-SHA256 of customerId with the project's identity secret, made on your server. */
  customerHash?: string
  email?: string
  properties?: Properties
  /** BCP 47 tag; else `<html lang>`, else the browser's languages. */
  locale?: string
}

/** What the loader hands to the UI chunk's `mount`. */
export interface MountContext {
  survey: PublicSurvey
  options: ShowOptions
  /** Style nonce from the script tag's data-nonce, for pages without constructable stylesheets. */
  nonce?: string
  /** Queues in localStorage and sends: resolves to the JSON body, null when refused (4xx),
   * undefined while queued for a retry. */
  send(path: string, method: 'POST' | 'PATCH', body: Record<string, unknown>): Promise<any>
  /** Amends an answer: merged into its queued POST if that has not gone yet (resolves true),
   * else a PATCH (resolves like send). */
  amend(clientId: string, serverId: string | null, patch: Record<string, unknown>): Promise<any>
  /** The visitor answered or dismissed: the browser is not asked again for throttleDays. */
  contacted(): void
}

export interface UiModule {
  /** Renders the survey in a Shadow DOM host; returns a function that removes it. */
  mount(ctx: MountContext): () => void
}
