// Relationship programs: every person of a project asked every 90, 180 or 365 days, trickled
// under a daily cap (SPEC.md "Email channel"; the planning is worker/email/plan-programs.ts).
import {
  EMAIL_LIMITS,
  type EmailProgramCreate,
  type EmailProgramPatch,
} from '../../schema/email-triggers'
import type { Ctx } from '../context'
import {
  countPrograms,
  findProgram,
  insertProgram,
  programFromRow,
  updateProgram,
} from '../db/email-programs'
import { findSendTarget } from '../db/email-sends'
import type { EmailProgramRow } from '../db/types'
import { newTriggerId } from '../lib/ids'
import { ApiError, notFound } from '../lib/problem'

type ProgramCtx = Pick<Ctx, 'db' | 'projectId' | 'now'>

/** The UTC day after `now`: the first day the planner fills for a new or resumed program. */
export const dayAfter = (now: Date) =>
  new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10)

export async function createProgram(ctx: ProgramCtx, input: EmailProgramCreate) {
  if (!(await findSendTarget(ctx.db, ctx.projectId, input.surveyId))) throw notFound('Survey')
  if ((await countPrograms(ctx.db, ctx.projectId)) >= EMAIL_LIMITS.programsPerProject)
    throw new ApiError(
      'too_many_programs',
      `A project holds at most ${EMAIL_LIMITS.programsPerProject} email programs.`,
    )
  const at = ctx.now.toISOString()
  const row: EmailProgramRow = {
    id: newTriggerId('prg'),
    project_id: ctx.projectId,
    survey_id: input.surveyId,
    every_days: input.everyDays,
    daily_cap: input.dailyCap,
    window: JSON.stringify(input.window),
    state: 'active',
    plan_day: dayAfter(ctx.now),
    plan_count: 0,
    created_at: at,
    updated_at: at,
  }
  await insertProgram(ctx.db, row)
  return programFromRow(row)
}

export async function patchProgram(ctx: ProgramCtx, id: string, patch: EmailProgramPatch) {
  const program = await findProgram(ctx.db, ctx.projectId, id)
  if (!program) throw notFound('Email program')
  const set: Partial<EmailProgramRow> = { updated_at: ctx.now.toISOString() }
  if (patch.dailyCap !== undefined) set.daily_cap = patch.dailyCap
  if (patch.window !== undefined) set.window = JSON.stringify(patch.window)
  if (patch.state !== undefined) set.state = patch.state
  if (patch.state === 'active' && program.state === 'paused') {
    set.plan_day = dayAfter(ctx.now)
    set.plan_count = 0
  }
  const row = await updateProgram(ctx.db, program, set)
  if (!row) throw notFound('Email program')
  return programFromRow(row)
}
