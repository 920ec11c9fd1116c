// Event rules: which business event schedules which survey email, after what delay, in what
// window (SPEC.md "Email channel"). A rule always names a survey that is live in its project.
import {
  EMAIL_LIMITS,
  type EmailRuleCreate,
  type EmailRulePatch,
} from '../../schema/email-triggers'
import type { Ctx } from '../context'
import {
  deleteRule,
  findRule,
  insertRuleUnderLimit,
  ruleFromRow,
  updateRule,
} from '../db/email-rules'
import { findSendTarget } from '../db/email-sends'
import { newTriggerId } from '../lib/ids'
import { ApiError, notFound } from '../lib/problem'

type RuleCtx = Pick<Ctx, 'db' | 'projectId' | 'now'>

/** A survey the rule would send must exist (and not be deleted) in the caller's project. */
async function requireSurvey(ctx: RuleCtx, surveyId: string) {
  if (!(await findSendTarget(ctx.db, ctx.projectId, surveyId))) throw notFound('Survey')
}

export async function createRule(ctx: RuleCtx, input: EmailRuleCreate) {
  await requireSurvey(ctx, input.surveyId)
  const at = ctx.now.toISOString()
  const row = {
    id: newTriggerId('rul'),
    project_id: ctx.projectId,
    event_type: input.eventType,
    survey_id: input.surveyId,
    delay_minutes: input.delayMinutes,
    window: JSON.stringify(input.window),
    reminder_after_days: input.reminderAfterDays,
    created_at: at,
    updated_at: at,
  }
  if (!(await insertRuleUnderLimit(ctx.db, row, EMAIL_LIMITS.rulesPerProject)))
    throw new ApiError(
      'too_many_rules',
      `A project holds at most ${EMAIL_LIMITS.rulesPerProject} email rules.`,
    )
  return ruleFromRow(row)
}

export async function patchRule(ctx: RuleCtx, id: string, patch: EmailRulePatch) {
  if (!(await findRule(ctx.db, ctx.projectId, id))) throw notFound('Email rule')
  if (patch.surveyId !== undefined) await requireSurvey(ctx, patch.surveyId)
  const row = await updateRule(ctx.db, ctx.projectId, id, patch, ctx.now.toISOString())
  if (!row) throw notFound('Email rule')
  return ruleFromRow(row)
}

export async function removeRule(ctx: RuleCtx, id: string) {
  if (!(await deleteRule(ctx.db, ctx.projectId, id))) throw notFound('Email rule')
}
