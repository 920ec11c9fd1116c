// Loads the live survey a public request names, checks the page's origin against it where asked,
// and hands it to the handler as c.get('target'), with the request context of its project as
// c.get('ctx') (a public actor). Mount it after rateLimit(): limits before work.
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { Id } from '../../schema/fields'
import { findSurveyForAnswer, type SurveyForAnswer } from '../db/surveys'
import type { Env } from '../env'
import { notFound } from '../lib/problem'
import { checkOrigin } from '../services/answers'
import { contextFor, type CtxVariables, type PublicActor } from '../context'
import { dbForPublicId } from '../db/resolve'

export interface PublicSurveyOptions {
  /** Where the survey id is: the path's `{id}`, or the JSON body's `surveyId`. */
  idFrom: 'param' | 'body'
  /**
   * Writes and questions about customers come only from the survey's allowedOrigins (true);
   * the config is refused to a page of another origin, so that the widget never shows a survey
   * whose answers would be refused, but still answers a caller without Origin ('when-sent').
   */
  checkOrigin: boolean | 'when-sent'
}

export interface PublicSurveyEnv {
  Bindings: Env
  Variables: { target: SurveyForAnswer } & CtxVariables<PublicActor>
}

const PUBLIC: PublicActor = { kind: 'public' }

const isJson = (type: string | undefined) =>
  !!type && /^application\/([a-z.+-]*\+)?json/i.test(type)

/**
 * The survey id as sent, read before the route's validators run (Hono runs route middleware
 * first). The JSON body is parsed once: Hono caches it for the validator.
 */
async function sentId(c: Context, from: PublicSurveyOptions['idFrom']): Promise<unknown> {
  if (from === 'param') return c.req.param('id')
  if (!isJson(c.req.header('content-type'))) return undefined
  const body: unknown = await c.req.json().catch(() => undefined)
  return typeof body === 'object' && body !== null && 'surveyId' in body ? body.surveyId : undefined
}

export function publicSurvey({ idFrom, checkOrigin: originChecked }: PublicSurveyOptions) {
  return createMiddleware<PublicSurveyEnv>(async function publicSurvey(c, next) {
    const id = Id.safeParse(await sentId(c, idFrom))
    // A missing or malformed id: the route's validator answers 400 naming every bad field, so the
    // handler (which needs the survey) is never reached without it.
    if (!id.success) return next()
    const target = await findSurveyForAnswer(dbForPublicId(c.env, id.data), id.data)
    if (!target) throw notFound('Survey')
    const origin = c.req.header('origin')
    if (originChecked === true || (originChecked && origin !== undefined))
      checkOrigin(target.survey, origin)
    c.set('target', target)
    c.set('ctx', contextFor(c.env, target.projectId, PUBLIC))
    await next()
  })
}
