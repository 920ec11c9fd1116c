// The insight parts of a metrics answer (SPEC "Insights"): distribution, response rates and the
// comparison of two samples. Their arithmetic is in scoring.ts, compare.ts and stats.ts.
import { z } from 'zod'

export const Distribution = z
  .array(z.object({ score: z.int(), count: z.int() }))
  .max(11)
  .meta({ description: 'Every score of the scale (0–10, 1–7 or 1–5) with its count, zeros too' })

const Percent = z.number().nullable()

/** Response rates: present overall, and per series item of day, week, month and touchpoint groupings. */
export const ReachFields = {
  shown: z.int().meta({ description: 'Widget displays (`shown` impressions) in the window' }),
  responseRate: Percent.meta({
    description: 'Widget answers / widget displays, in %, one decimal; null without displays',
  }),
  invited: z.int().meta({ description: 'Survey-link invitations created in the window' }),
  linkResponseRate: Percent.meta({
    description: 'Answers through survey links / invitations, in %, one decimal; null without any',
  }),
}

const Interval = z.object({ low: z.number(), high: z.number() })

export const Comparison = z
  .object({
    delta: z
      .number()
      .nullable()
      .meta({
        description:
          'NPS points (adjusted-Wald centres), CES score points (means) or CSAT percentage points ' +
          '(Agresti–Caffo centres); null when a side has no answers',
      }),
    ci95: Interval.nullable().meta({ description: '95 % interval of delta' }),
    pValue: z.number().nullable().meta({ description: 'Two-sided, four decimals' }),
    significant: z.boolean().meta({ description: 'ci95 excludes 0' }),
    lowSample: z.boolean().meta({ description: 'Either side has fewer than 30 answers' }),
  })
  .meta({ id: 'Comparison' })
export type Comparison = z.infer<typeof Comparison>

/** `change`: the window against an earlier one; `previous` holds that window's figures. */
export const changeOf = <T extends z.ZodObject>(figures: T) =>
  Comparison.extend({
    from: z.string().meta({ description: 'First UTC day of the earlier window' }),
    to: z.string().meta({ description: 'Last UTC day of the earlier window' }),
    previous: figures.extend({ distribution: Distribution }),
  })
    .optional()
    .meta({
      description:
        'With compare=previous or compareFrom/compareTo: this window minus the earlier one. ' +
        'NPS: difference of two adjusted-Wald NPS, z-test. CES: Welch (normal when both n ≥ 30). ' +
        'CSAT: Agresti–Caffo difference of the satisfied shares.',
    })

export const VsRest = Comparison.optional().meta({
  description:
    'touchpoint and property groupings: this bucket minus all other answers in the window',
})
