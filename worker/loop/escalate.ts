// Escalation of overdue follow-ups (every minute, worker/scheduled.ts): step 1 tells the owner
// (the admins when nobody owns it), step 2 — adminAfterHours later, still open — the admins.
// Each step happens once: its row in follow_up_escalations is inserted first (primary key
// (follow-up, step)), and only the run whose insert took notifies. The same insert puts the
// followup.overdue webhook and Slack deliveries in the outbox (0016_loop.sql), so those are
// retried by the delivery machinery; the email is sent once, after the step is recorded.
const HOUR_MS = 3_600_000
import type { FollowUpSettings } from '../../schema/follow-up'
import { settingsFor } from '../db/follow-up-settings'
import { overdueWithoutStep, recordEscalation } from '../db/follow-ups'
import { ADMIN_ROLES, findMember, membersWithRoles } from '../db/loop-members'
import { controlDb } from '../db/resolve'
import type { CronContext } from './assign'
import { appLink, sendNotice } from '../email/notice'

export const ESCALATION_BUDGET = { queries: 20, perStep: 5 } as const

type Recipient = { email: string }

export async function escalateOverdue({ db, env, now, budget }: CronContext) {
  const most = budget ?? ESCALATION_BUDGET.queries
  const at = now.toISOString()
  let queries = 0
  const settings = new Map<string, FollowUpSettings>()
  const admins = new Map<string, Recipient[]>()
  const control = controlDb(env)
  const done = { step1: 0, step2: 0, emails: 0, queries: 0 }

  const rulesOf = async (projectId: string, surveyId: string) => {
    const key = `${projectId}/${surveyId}`
    if (!settings.has(key)) {
      queries++
      settings.set(key, await settingsFor(db, projectId, surveyId))
    }
    return settings.get(key)!
  }
  const adminsOf = async (projectId: string) => {
    if (!admins.has(projectId)) {
      queries++
      admins.set(projectId, await membersWithRoles(control, projectId, ADMIN_ROLES))
    }
    return admins.get(projectId)!
  }

  for (const step of [1, 2] as const) {
    // The oldest step-2 candidates are at least an hour late; each survey's own delay is checked below.
    const dueBefore = step === 1 ? at : new Date(now.getTime() - HOUR_MS).toISOString()
    if (queries + 1 > most) break
    queries++
    const rows = await overdueWithoutStep(db, dueBefore, step, ESCALATION_BUDGET.perStep)
    for (const row of rows) {
      // Worst case for one row: settings, the step's two statements, the owner, the admins.
      if (queries + 5 > most) break
      const rules = await rulesOf(row.project_id, row.survey_id)
      if (
        step === 2 &&
        Date.parse(row.due_at) + rules.escalate.adminAfterHours * HOUR_MS > now.getTime()
      )
        continue
      queries += 2
      if (
        !(await recordEscalation(db, {
          response_id: row.response_id,
          project_id: row.project_id,
          step,
          at,
        }))
      )
        continue
      done[step === 1 ? 'step1' : 'step2']++
      if (!rules.escalate.email) continue
      let to: Recipient[]
      if (step === 1 && row.owner_id) {
        queries++
        const owner = await findMember(control, row.project_id, row.owner_id)
        to = owner ? [owner] : await adminsOf(row.project_id)
      } else to = await adminsOf(row.project_id)
      for (const r of to) {
        const sent = await sendNotice(env, r.email, {
          subject:
            step === 1
              ? 'A customer is waiting for your call: follow-up overdue'
              : 'Escalated: an unhappy customer has not been contacted',
          paragraphs: [
            `A negative answer was due for follow-up at ${row.due_at} and is still open.`,
            step === 1
              ? 'Please contact the customer and record it on the answer.'
              : 'Its owner was told and it is still open: please see that someone calls.',
          ],
          link: {
            href: appLink(env, `/app/responses/${row.response_id}`),
            text: 'Open the answer',
          },
        })
        if (sent.ok) done.emails++
        else console.log('escalation email not sent', { reason: sent.reason })
      }
    }
  }
  done.queries = queries
  return done
}
