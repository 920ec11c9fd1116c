// What travels on the outbound queue, and what a handler of one kind of message must provide.
// Bodies carry ids only (no personal data sits in a queue); the row they name holds the state.
// A new kind (help-desk calls, issue 11) adds a member to OutboundMessage and a case to
// handlerFor() in consumer.ts, and reuses the queue, the retry handling and outbound-fetch.
import { z } from 'zod'
import type { Env } from '../env'
import type { FetchLike } from '../lib/outbound-fetch'

export const OutboundMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), deliveryId: z.string().max(64) }),
  z.object({ kind: z.literal('helpdesk'), jobId: z.string().max(64) }),
  /** A due survey email (worker/email/send.ts). */
  z.object({
    kind: z.literal('email-send'),
    projectId: z.string().max(64),
    sendId: z.string().max(64),
  }),
])
export type OutboundMessage = z.infer<typeof OutboundMessage>

/** What to do with a message after an attempt. */
export type Outcome =
  | { type: 'ack' }
  | { type: 'retry'; delaySeconds: number }
  /** Out of attempts: the message goes to the dead-letter queue. */
  | { type: 'dead' }

/** Everything time- and network-dependent, so tests can drive it. */
export interface OutboundDeps {
  fetch: FetchLike
  now: () => Date
  timeoutMs: number
  /** Seconds before each attempt; its length is the number of attempts. */
  schedule: readonly number[]
  allowLocal: boolean
}

export interface OutboundHandler<M extends OutboundMessage> {
  /** Makes one attempt (or decides none is due) and says what happens to the message next. */
  attempt(msg: M, env: Env, deps: OutboundDeps): Promise<Outcome>
  /** The message reached the dead-letter queue: record the failure for good. */
  dead(msg: M, env: Env, deps: OutboundDeps): Promise<void>
}
