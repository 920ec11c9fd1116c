// The email channel's figures beside the other channels (issue 19 item 8), and its schedule.
import type { EmailSchedule, EmailStats } from '../../schema/email-stats'
import { wilson } from '../../schema/stats'
import type { Ctx } from '../context'
import { emailSendCounts, reachByChannel, scheduledPerDay } from '../db/email-plan'

const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const percent = (x: number, n: number) => (n ? Math.round((1000 * x) / n) / 10 : null)
const percentInterval = (x: number, n: number) => {
  const ci = wilson(x, n)
  return ci && { low: Math.round(ci.low * 1000) / 10, high: Math.round(ci.high * 1000) / 10 }
}

type StatsCtx = Pick<Ctx, 'db' | 'projectId' | 'now'>

export async function emailStats(
  ctx: StatsCtx,
  query: { from?: string; to?: string },
): Promise<EmailStats> {
  const to = query.to ?? isoDay(ctx.now.getTime())
  const from = query.from ?? isoDay(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS)
  const before = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString()
  const [reach, counts] = await Promise.all([
    reachByChannel(ctx.db, ctx.projectId, from, to),
    emailSendCounts(ctx.db, ctx.projectId, `${from}T00:00:00.000Z`, before),
  ])
  const channels = reach
    // Imports and API answers were asked elsewhere: no denominator, no rate.
    .filter((r) => r.sent > 0)
    .map((r) => ({
      channel: r.channel,
      sent: r.sent,
      answered: r.answered,
      responseRate: percent(r.answered, r.sent),
      ci95: percentInterval(r.answered, r.sent),
    }))
  const answered = counts.answered ?? 0
  const after = counts.after_reminder ?? 0
  return {
    from,
    to,
    channels,
    email: {
      sent: counts.sent ?? 0,
      answered,
      reminders: {
        sent: counts.reminders ?? 0,
        answersAfterReminder: after,
        shareOfAnswers: percent(after, answered),
        ci95: percentInterval(after, answered),
      },
    },
  }
}

export async function emailSchedule(ctx: StatsCtx, days: number): Promise<EmailSchedule> {
  const start = Date.parse(`${isoDay(ctx.now.getTime())}T00:00:00Z`)
  const rows = await scheduledPerDay(
    ctx.db,
    ctx.projectId,
    new Date(start).toISOString(),
    new Date(start + days * DAY_MS).toISOString(),
  )
  const byDay = new Map(rows.map((r) => [r.day, r.scheduled]))
  return {
    data: Array.from({ length: days }, (_, i) => {
      const day = isoDay(start + i * DAY_MS)
      return { day, scheduled: byDay.get(day) ?? 0 }
    }),
  }
}
