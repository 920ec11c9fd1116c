// When an email may arrive: weekdays and a span of local clock time in the recipient's time zone
// (SPEC.md "Email channel": rules' and programs' `window`). Shared by the API and the dashboard.
import { z } from 'zod'

import { WEEKDAYS, WORKING_HOURS as WORKING_HOURS_WINDOW } from './constants'

export { WEEKDAYS }
export const Weekday = z.enum(WEEKDAYS)
export type Weekday = z.infer<typeof Weekday>

/** A local clock time, 00:00–23:59. */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, 00:00–23:59')

/** Minutes after local midnight of an HH:MM clock time. */
export const minutesOfClock = (hhmm: string) =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

export const SendWindow = z
  .object({
    days: z
      .array(Weekday)
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday once'),
    from: ClockTime,
    /** Exclusive: a window 09:00–17:00 takes 16:59, not 17:00. */
    to: ClockTime,
  })
  .refine((w) => minutesOfClock(w.from) < minutesOfClock(w.to), {
    message: 'from must be before to (a window lies within one local day)',
    path: ['to'],
  })
  .meta({
    id: 'SendWindow',
    description: 'Weekdays and local clock times (recipient’s time zone) an email may arrive in',
  })
export type SendWindow = z.infer<typeof SendWindow>

/** Weekdays 09:00–17:00: the default for event rules (schema/constants.ts). */
export const WORKING_HOURS: SendWindow = WORKING_HOURS_WINDOW

/** The time zone of a project that has not set one (projects.time_zone's default). */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen'
