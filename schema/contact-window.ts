// How long one person is left alone after being asked (SPEC.md "Email channel": "nobody is asked
// twice within [the cooldown], whatever the survey or channel"). The survey's own throttleDays
// (its re-ask interval) and the cooldown (the survey's override, else the project's) both hold, so
// the window is the longer of the two. Email sends use the cooldown alone (worker/email/send.ts):
// a relationship program sets its own rhythm and throttleDays is the widget's and links' setting.
import type { Survey } from './survey'

export function contactWindowDays(
  survey: Pick<Survey, 'throttleDays' | 'cooldownDays'>,
  projectCooldownDays: number,
): number {
  return Math.max(survey.throttleDays, survey.cooldownDays ?? projectCooldownDays)
}
