// GET /v1/themes: what the reasons keep saying (SPEC "Insights").
import { z } from 'zod'
import { INSIGHTS } from './constants'
import { ClientId, Id, Touchpoint } from './fields'
import { IsoDate, windowInOrder } from './metrics'
import { CategoryEnum } from './response'

export const ThemesQuery = z
  .object({
    surveyId: Id,
    from: IsoDate.optional().meta({
      description: 'First UTC day of answeredAt, inclusive; not after `to`',
    }),
    to: IsoDate.optional().meta({ description: 'Last UTC day of answeredAt, inclusive' }),
    touchpoint: Touchpoint.optional(),
    category: CategoryEnum.optional().meta({
      description: "Only reasons of this category (one of the survey kind's three)",
    }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(INSIGHTS.maxThemesLimit)
      .default(INSIGHTS.themesLimit),
  })
  .superRefine(windowInOrder)
export type ThemesQuery = z.infer<typeof ThemesQuery>

export const Theme = z
  .object({
    term: z
      .string()
      .max(2 * INSIGHTS.termChars + 1)
      .meta({
        description: 'A word or two-word phrase, lower case, accents folded, stopwords removed',
      }),
    count: z.int().meta({ description: 'Reasons in the filter that mention it' }),
    share: z.number().meta({ description: 'count / reasons, in %, one decimal' }),
    lean: z.number().meta({
      description:
        'Weighted log-odds (informative Dirichlet prior, Monroe, Colaresi & Quinn 2008) that the ' +
        'term belongs to negative rather than positive reasons in the window: > 0 leans negative',
    }),
    leanZ: z.number().meta({ description: 'z-score of lean; beyond ±1.96 unlikely to be noise' }),
    examples: z
      .array(ClientId)
      .max(3)
      .meta({ description: 'Answers that mention it: the latest per polarity in the filter' }),
  })
  .meta({ id: 'Theme' })

export const Themes = z
  .object({
    surveyId: Id,
    from: z.string().nullable(),
    to: z.string().nullable(),
    touchpoint: z.string().nullable(),
    category: z.string().nullable(),
    reasons: z.int().meta({ description: 'Answers in the filter whose reason has any term' }),
    themes: z
      .array(Theme)
      .max(INSIGHTS.maxThemesLimit)
      .meta({ description: 'Most mentioned first' }),
  })
  .meta({ id: 'Themes' })
export type Themes = z.infer<typeof Themes>
