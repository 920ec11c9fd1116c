// The per-survey loader, GET /widget.js?survey=…: widget.js with the survey's config in front of
// it, so that the survey shows one request sooner (issue 21.1: widget.js, then the UI chunk).
// The config is the one the config route answers, for the page origin and languages the request
// names; the loader re-checks both (worker/lib/loader-prelude.ts) and asks the config route whenever
// they differ, so a cached or mis-sent copy can only cost that request, never show a survey
// where it must not show.
import { localeOfPrimary } from '../../schema/i18n'
import type { WidgetPreload } from '../../schema/survey'
import { findSurveyForAnswer } from '../db/surveys'
import { dbForPublicId } from '../db/resolve'
import type { Env } from '../env'
import { notFound } from '../lib/problem'
import { originAllowed } from './answers'
import { publicSurveyOf } from './public-survey'

/** Edits reach visitors within a minute, as with the config route. */
export const LOADER_MAX_AGE = 60

/**
 * The page's origin. A `<script src>` request carries no Origin header, but browsers send the
 * page as Referer (by default its origin at least, for another site's script: the
 * strict-origin-when-cross-origin policy). Without either, undefined: the loader then asks.
 */
export function pageOrigin(origin: string | undefined, referer: string | undefined) {
  for (const candidate of [origin, referer]) {
    if (!candidate) continue
    try {
      const url = new URL(candidate)
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin
    } catch {}
  }
  return undefined
}

export interface LoaderRequest {
  surveyId: string
  /** The page origin (pageOrigin), when the request names one. */
  page: string | undefined
  /** Languages, best first: the URL's `locale`, then Accept-Language. */
  languages: string[]
}

/** The preload for this request: none when the page's origin is unknown or not allowed (the
 * loader then asks the config route, which names the refusal). Throws 404 for no such survey. */
export async function preloadFor(env: Env, r: LoaderRequest): Promise<WidgetPreload | undefined> {
  const target = await findSurveyForAnswer(dbForPublicId(env, r.surveyId), r.surveyId)
  if (!target) throw notFound('Survey')
  if (!r.page || !originAllowed(target.survey, r.page)) return undefined
  return { o: r.page, m: localeOfPrimary(), s: publicSurveyOf(target, r.languages.join()) }
}
