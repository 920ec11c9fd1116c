// Figures of the email channel beside the others (issue 19 item 8): per channel asked → answered
// with the response rate and its Wilson interval, the reminder's share of answers, and the
// schedule of the coming days.
import { z } from 'zod'
import { IsoDate, windowInOrder } from './metrics'

export const EmailStatsQuery = z
  .object({
    from: IsoDate.optional().meta({
      description: 'First UTC day, inclusive (default: 29 days before to)',
    }),
    to: IsoDate.optional().meta({ description: 'Last UTC day, inclusive (default: today)' }),
  })
  .superRefine(windowInOrder)

const Interval = z.object({ low: z.number(), high: z.number() }).nullable()

export const ChannelFigures = z.object({
  channel: z.string(),
  /** Asked: widget displays, or links made (an email sent, a help-desk reply, an invitation). */
  sent: z.int(),
  answered: z.int(),
  /** answered / sent in %, one decimal; null when nothing was sent. */
  responseRate: z.number().nullable(),
  /** Wilson 95 % interval of the rate, in %. */
  ci95: Interval,
})

export const EmailStats = z
  .object({
    from: z.string(),
    to: z.string(),
    channels: z.array(ChannelFigures),
    email: z.object({
      /** Survey emails sent in the window (by their scheduled day), and how many were answered. */
      sent: z.int(),
      answered: z.int(),
      reminders: z.object({
        sent: z.int(),
        /** Answers to sends whose reminder had gone out: answered after the reminder. */
        answersAfterReminder: z.int(),
        /** answersAfterReminder / answered in %, one decimal; null without answers. */
        shareOfAnswers: z.number().nullable(),
        ci95: Interval,
      }),
    }),
  })
  .meta({ id: 'EmailStats' })
export type EmailStats = z.infer<typeof EmailStats>

export const EmailScheduleQuery = z.object({
  days: z.coerce.number().int().min(1).max(31).default(14),
})

export const EmailSchedule = z
  .object({
    /** Scheduled sends per UTC day from today, every day listed (0 when none). */
    data: z.array(z.object({ day: z.string(), scheduled: z.int() })),
  })
  .meta({ id: 'EmailSchedule' })
export type EmailSchedule = z.infer<typeof EmailSchedule>
