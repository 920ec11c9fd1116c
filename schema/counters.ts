// The counting rules as data (CONVENTIONS §14): the channels that reach customers and how each
// asks them, and what a rollup bucket counts of an answer. worker/db/counting-sql.ts generates
// the rollup triggers (schema/migrations/0012_counting.sql), the property rebuild and the rollup
// reads from these; no other file spells a counter, a channel or a category list out again.
import { LINK_CHANNELS, SCALES } from './constants'
import { POLARITY_SIGN } from './scoring'

/** How a channel asks a customer: a display of the widget, or a survey link that was made. */
export const ASKS = ['shown', 'invited'] as const
export type Ask = (typeof ASKS)[number]

/**
 * The channels of the rollups (rollup_days.channel) and how each asks: the denominator of its
 * response rate. Imports and API answers were asked elsewhere (null). A link answer counts under
 * the channel that carried its link (invitations.channel → responses.link_channel).
 */
export const CHANNEL_ASKS = {
  widget: 'shown',
  link: 'invited',
  email: 'invited',
  helpdesk: 'invited',
  import: null,
  api: null,
} as const satisfies Record<string, Ask | null>

export type RollupChannel = keyof typeof CHANNEL_ASKS
/** Channels that carry a survey link: what an invitation records as its channel. */
export type LinkChannel = {
  [C in RollupChannel]: (typeof CHANNEL_ASKS)[C] extends 'invited' ? C : never
}[RollupChannel]

// schema/constants.ts lists the link channels for the answers' `linkChannel` (zod-free, for the
// widget's and dashboard's builds); these two checks keep that list equal to the rules here.
LINK_CHANNELS satisfies readonly LinkChannel[]
const everyLinkChannel: Exclude<LinkChannel, (typeof LINK_CHANNELS)[number]> extends never
  ? true
  : never = true
void everyLinkChannel

export interface CountingRules {
  /** Channel → how it asks (null: nobody is asked). */
  channels: Readonly<Record<string, Ask | null>>
  /** Score scale per survey kind: a bucket counts every score from 0 to the highest maximum. */
  scales: Readonly<Record<string, { min: number; max: number }>>
}

/** The rules the migrations and the worker use; tests may pass others to the generator. */
export const COUNTING: CountingRules = { channels: CHANNEL_ASKS, scales: SCALES }

/** The channels that ask by `ask`, in table order. */
export const channelsAsking = (ask: Ask, rules: CountingRules = COUNTING) =>
  Object.keys(rules.channels).filter((c) => rules.channels[c] === ask)

/** One counter of a bucket: its column, and its value for one answer (SQL over the answer's alias). */
export interface Counter {
  column: string
  of: (answer: string) => string
}

/** One counter per polarity (positive, neutral, negative), from the answer's stored polarity. */
export const polarityCounters = (): Counter[] =>
  Object.entries(POLARITY_SIGN).map(([column, sign]) => ({
    column,
    of: (a) => `${a}.polarity = ${sign}`,
  }))

/** The Tally of schema/scoring.ts as counters: total, polarities, score sum, answers per score. */
export function answerCounters(rules: CountingRules = COUNTING): Counter[] {
  const top = Math.max(...Object.values(rules.scales).map((s) => s.max))
  return [
    { column: 'total', of: () => '1' },
    ...polarityCounters(),
    { column: 'score_sum', of: (a) => `${a}.score` },
    ...Array.from({ length: top + 1 }, (_, s) => ({
      column: `s${s}`,
      of: (a: string) => `${a}.score = ${s}`,
    })),
  ]
}
