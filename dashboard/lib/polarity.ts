// A polarity's words (negative / neutral / positive answers), for the journeys and at-risk pages.
import type { Journeys } from '../../schema/journeys'
import type { MessageKey } from './messages'

export type Polarity = Journeys['transitions'][number]['fromPolarity']

export const POLARITY_LABEL = {
  positive: 'polarityPositive',
  neutral: 'polarityNeutral',
  negative: 'polarityNegative',
} as const satisfies Record<Polarity, MessageKey>
