// The answer a webhook event names, with what its payload and a Slack alert need of its survey.
import { getDb } from './client'

/** The survey's first locale (the first key of its texts, a JSON column), which Slack alerts are written in. */
export function firstLocale(surveyTexts: string): string | undefined {
  return Object.keys(JSON.parse(surveyTexts) as Record<string, unknown>)[0]
}

/** The answer a delivery names, with its survey's name and texts (for the payload and Slack). */
export function findEventResponse(d1: D1Database, projectId: string, responseId: string) {
  return getDb(d1)
    .selectFrom('responses as r')
    .innerJoin('surveys as s', 's.id', 'r.survey_id')
    .selectAll('r')
    .select(['s.name as survey_name', 's.texts as survey_texts'])
    .where('r.id', '=', responseId)
    .where('r.project_id', '=', projectId)
    .executeTakeFirst()
}
