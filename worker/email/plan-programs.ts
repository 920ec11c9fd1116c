// The relationship programs' planner (a cron): fills each active program's next day with sends,
// at most dailyCap a day, spread evenly over the window's morning in each person's time zone,
// to the people due earliest — unless the ledger shows a contact on any channel within
// everyDays, which moves that person to everyDays after it. Bounded: ≤ 50 D1 queries a run.
import { SendWindow, WEEKDAYS, minutesOfClock } from '../../schema/send-window'
import type { Env } from '../env'
import {
  duePeople,
  lastContacts,
  programKeyPrefix,
  programsToPlan,
  recordPlan,
  type PlannedPerson,
} from '../db/email-programs'
import { newId } from '../lib/ids'
import { scheduleSends } from './schedule'
import { instantsOfWall, nextInWindow } from './window'

const DAY_MS = 86_400_000
/** People read per program per run: 500 rows fit one JSON parameter well under D1's 2 MB. */
export const PLAN_CHUNK = 500
/** D1's Free-plan queries per invocation (https://developers.cloudflare.com/d1/platform/limits/). */
const QUERY_BUDGET = 50
/** Queries one program's step costs at most: people, ledger, survey, sends, plan batch (2). */
const QUERIES_PER_PROGRAM = 6

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** FNV-1a: a stable, even spread of people over the window (no state, same on every retry). */
function spread(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) / 2 ** 32
}

export interface PlanResult {
  programs: number
  sends: number
  /** People moved on because the ledger shows a contact within everyDays. */
  deferred: number
  queries: number
}

export async function planProgramSends({
  db,
  now,
}: {
  db: D1Database
  env?: Env
  now: Date
}): Promise<PlanResult> {
  const today = isoDay(now.getTime())
  const tomorrow = isoDay(now.getTime() + DAY_MS)
  const maxPrograms = Math.floor((QUERY_BUDGET - 1) / QUERIES_PER_PROGRAM)
  const programs = await programsToPlan(db, tomorrow, maxPrograms)
  const result: PlanResult = { programs: programs.length, sends: 0, deferred: 0, queries: 1 }

  for (const program of programs) {
    // A day missed (the cron did not run) is not planned late: its people stay due.
    const day = program.plan_day < today ? today : program.plan_day
    const start = dayStart(day)
    const nextDay = isoDay(start + DAY_MS)
    const window = SendWindow.parse(JSON.parse(program.window))
    const weekday = WEEKDAYS[(((start / DAY_MS + 3) % 7) + 7) % 7]!
    const count = day === program.plan_day ? program.plan_count : 0
    const remaining = program.daily_cap - count
    if (!window.days.includes(weekday) || remaining <= 0) {
      await recordPlan(db, program, [], { plan_day: nextDay, plan_count: 0 })
      result.queries += 1
      continue
    }
    const take = Math.min(remaining, PLAN_CHUNK)
    const due = await duePeople(db, program.id, new Date(start + DAY_MS).toISOString(), take)
    const customers = [...new Set(due.flatMap((p) => (p.customer_id ? [p.customer_id] : [])))]
    const contacted = await lastContacts(db, program.project_id, customers)
    result.queries += customers.length ? 2 : 1

    const ctx = { db, projectId: program.project_id, now }
    const planned: PlannedPerson[] = []
    const sends: Parameters<typeof scheduleSends>[2] = []
    for (const person of due) {
      const last = person.customer_id ? contacted.get(person.customer_id) : undefined
      const askAgainAt = last ? Date.parse(last) + program.every_days * DAY_MS : 0
      if (askAgainAt > start) {
        planned.push({
          person_id: person.person_id,
          due_at: new Date(askAgainAt).toISOString(),
          cycle: person.cycle,
          send_id: null,
          previous_due_at: null,
        })
        result.deferred++
        continue
      }
      const timeZone = person.time_zone ?? program.project_time_zone
      const from = minutesOfClock(window.from)
      const span = minutesOfClock(window.to) - from
      const minute = from + Math.floor(spread(`${person.person_id}:${person.cycle}`) * span)
      const slot = instantsOfWall(start / DAY_MS, minute, timeZone)[0]!
      // Planned late (or in a gap): the next instant inside the window, never the past.
      const at = nextInWindow(new Date(Math.max(slot, now.getTime())), 0, window, timeZone)
      const id = newId('eml')
      sends.push({
        id,
        surveyId: program.survey_id,
        email: person.email,
        customerId: person.customer_id ?? undefined,
        locale: person.locale ?? undefined,
        timeZone,
        source: 'program',
        dedupeKey: `${programKeyPrefix(program.id)}${person.person_id}:${person.cycle}`,
        scheduledFor: at,
      })
      planned.push({
        person_id: person.person_id,
        due_at: new Date(start + program.every_days * DAY_MS).toISOString(),
        cycle: person.cycle + 1,
        send_id: id,
        previous_due_at: person.due_at,
      })
    }
    if (sends.length) {
      const stored = await scheduleSends(ctx, program.survey_id, sends)
      result.queries += 2
      // The program's survey was deleted: nothing to send; its people wait for a new survey.
      if (!stored.ok) {
        console.log('email program: survey gone', { program: program.id })
        await recordPlan(db, program, [], { plan_day: nextDay, plan_count: 0 })
        result.queries += 1
        continue
      }
      result.sends += sends.length
    }
    // Fewer due than asked for: the day holds everyone due; plan the next one.
    const dayDone = due.length < take
    await recordPlan(db, program, planned, {
      plan_day: dayDone ? nextDay : day,
      plan_count: dayDone ? 0 : count + sends.length,
    })
    result.queries += planned.length ? 2 : 1
  }
  return result
}
