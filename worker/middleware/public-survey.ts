// What every public write checks before it does anything: the survey is live, the page's origin
// is one the survey allows, and this client is under its rate limit for the scope.
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { findSurveyForAnswer, type SurveyForAnswer } from '../db/surveys'
import { notFound } from '../lib/problem'
import { checkOrigin } from '../services/answers'
import { limitPublicWrite } from './rate-limit'

export async function publicSurvey(
  c: Context<AppEnv>,
  surveyId: string,
  scope: string,
): Promise<SurveyForAnswer> {
  const target = await findSurveyForAnswer(c.env.DB, surveyId)
  if (!target) throw notFound('Survey')
  checkOrigin(target.survey, c.req.header('origin'))
  await limitPublicWrite(c, scope)
  return target
}
