// GET /v1/metrics: its query and the figures it answers (SPEC "Metrics field names").
import { z } from 'zod'
import { LIMITS } from './constants'
import { Id, Touchpoint } from './fields'
import { changeOf, Distribution, ReachFields, VsRest } from './insights'

const isRealDate = (v: string) => {
  const d = new Date(`${v}T00:00:00.000Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}

/** A calendar date, YYYY-MM-DD, read as a UTC day. */
export const IsoDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-23')
  .refine(isRealDate, 'must be a real calendar date')

/**
 * A query's window rule, in the schema so the route's 400 and the OpenAPI document come from one
 * place: `from` is not after `to` (both inclusive UTC days; checked when both are given).
 */
export function windowInOrder(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is after to' })
}

/** Only UTC: rollups are per UTC day. */
const ONLY_UTC =
  'only UTC: answers are rolled up per UTC day, so another zone could not be bucketed exactly'

export const TIME_GROUPS = ['day', 'week', 'month'] as const
export type TimeGroup = (typeof TIME_GROUPS)[number]

export const GroupBy = z
  .string()
  .max(9 + LIMITS.propertyKey)
  .regex(
    /^(day|week|month|touchpoint|property:[A-Za-z0-9_.-]{1,40})$/,
    'day, week, month, touchpoint or property:<key>',
  )
  .meta({
    description:
      'day (UTC), week (ISO, keyed by its Monday), month, touchpoint, or property:<segment key>',
  })

export const MetricsQuery = z
  .object({
    surveyId: Id,
    from: IsoDate.optional().meta({ description: 'First UTC day, inclusive; not after `to`' }),
    to: IsoDate.optional().meta({ description: 'Last UTC day, inclusive' }),
    touchpoint: Touchpoint.optional(),
    groupBy: GroupBy.optional(),
    tz: z.enum(['UTC', 'Etc/UTC'], { error: ONLY_UTC }).optional().meta({
      description: 'Only UTC is accepted: rollups are UTC days and cannot be re-bucketed exactly',
    }),
    compare: z.enum(['previous']).optional().meta({
      description:
        'Compare with the window of the same length just before `from` (needs from and to; not with compareFrom/compareTo)',
    }),
    compareFrom: IsoDate.optional().meta({
      description:
        'First UTC day of a window to compare with (with compareTo, not with compare; not after compareTo)',
    }),
    compareTo: IsoDate.optional().meta({ description: 'Last UTC day of a window to compare with' }),
  })
  .superRefine((q, ctx) => {
    windowInOrder(q, ctx)
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message })
    if (q.compare === 'previous' && !(q.from && q.to))
      issue('compare', 'compare=previous needs both from and to')
    if (q.compare && (q.compareFrom || q.compareTo))
      issue('compare', 'give compare or compareFrom/compareTo')
    if ((q.compareFrom === undefined) !== (q.compareTo === undefined))
      issue('compareFrom', 'give both compareFrom and compareTo')
    if (q.compareFrom && q.compareTo && q.compareFrom > q.compareTo)
      issue('compareFrom', 'compareFrom is after compareTo')
  })
export type MetricsQuery = z.infer<typeof MetricsQuery>

const Share = z
  .number()
  .nullable()
  .meta({ description: 'Percent with one decimal; null when total is 0' })

export const NpsFigures = z.object({
  total: z.int(),
  promoters: z.int(),
  passives: z.int(),
  detractors: z.int(),
  nps: z.number().nullable().meta({ description: '100 × (P − D) / N, one decimal' }),
  marginOfError: z.number().nullable().meta({ description: '95 % Wald margin, NPS points' }),
  ci95: z
    .object({ low: z.number(), high: z.number() })
    .nullable()
    .meta({ description: 'Adjusted Wald 95 % interval' }),
  lowSample: z.boolean().meta({ description: 'Fewer than 30 answers' }),
})
export type NpsFigures = z.infer<typeof NpsFigures>

export const CesFigures = z.object({
  total: z.int(),
  average: z.number().nullable(),
  easy: z.int(),
  neutral: z.int(),
  difficult: z.int(),
  easyShare: Share,
})
export type CesFigures = z.infer<typeof CesFigures>

export const CsatFigures = z.object({
  total: z.int(),
  average: z.number().nullable(),
  satisfied: z.int(),
  satisfiedShare: Share,
})
export type CsatFigures = z.infer<typeof CsatFigures>

const SeriesKey = z.string().max(LIMITS.propertyString).nullable().meta({
  description:
    'The bucket: a day, a Monday, YYYY-MM, a touchpoint (null: none) or a property value',
})

const common = {
  surveyId: Id,
  from: z.string().nullable(),
  to: z.string().nullable(),
  touchpoint: z.string().nullable(),
  groupBy: z.string().nullable(),
}

const seriesOf = <S extends z.ZodRawShape>(figures: z.ZodObject<S>) =>
  z
    .array(
      figures.extend({
        key: SeriesKey,
        distribution: Distribution,
        ...z.object(ReachFields).partial().shape,
        vsRest: VsRest,
      }),
    )
    .max(100_000)
    .optional()
    .meta({
      description:
        'With groupBy: buckets with answers (or, for day/week/month/touchpoint, with displays or ' +
        'invitations) sorted by key',
    })

const metricsOf = <K extends string, S extends z.ZodRawShape>(kind: K, figures: z.ZodObject<S>) =>
  z.object({
    kind: z.literal(kind),
    ...common,
    ...figures.shape,
    distribution: Distribution,
    ...ReachFields,
    rebuilding: z
      .boolean()
      .optional()
      .meta({
        description:
          'property groupings: true while the property rollups are rebuilt after a change of ' +
          'segmentKeys; the series is incomplete until then',
      }),
    change: changeOf(figures),
    series: seriesOf(figures),
  })

export const Metrics = z
  .discriminatedUnion('kind', [
    metricsOf('nps', NpsFigures),
    metricsOf('ces', CesFigures),
    metricsOf('csat', CsatFigures),
  ])
  .meta({ id: 'Metrics' })
export type Metrics = z.infer<typeof Metrics>
