// Retry timing shared by every outbound kind: a schedule is the delay in seconds before each
// attempt (its length is the number of attempts). Webhooks use the Standard Webhooks schedule;
// other kinds may pass their own.
import { WEBHOOK_RETRY_SCHEDULE_S } from '../../schema/constants'

/** Queues accept a retry delay of at most 12 hours. */
const MAX_DELAY_S = 43_200

/**
 * WEBHOOK_RETRY_SCHEDULE="0,1,1" (seconds before each attempt) shortens the schedule for tests
 * and local experiments; anything malformed falls back to the Standard Webhooks schedule.
 */
export function parseSchedule(raw: string | undefined): readonly number[] {
  if (!raw) return WEBHOOK_RETRY_SCHEDULE_S
  const parts = raw.split(',').map((x) => x.trim())
  // Whole seconds only (Number('') is 0: an empty item must not pass as "immediately").
  if (parts.length > 20 || !parts.every((x) => /^\d{1,5}$/.test(x))) return WEBHOOK_RETRY_SCHEDULE_S
  const s = parts.map(Number)
  return s.every((x) => x <= MAX_DELAY_S) ? s : WEBHOOK_RETRY_SCHEDULE_S
}

/** Seconds to wait after `attemptsMade` failed attempts, or undefined when none is left. */
export function retryDelay(attemptsMade: number, schedule: readonly number[]): number | undefined {
  return attemptsMade < schedule.length ? schedule[attemptsMade] : undefined
}
