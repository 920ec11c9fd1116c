// The answer a webhook event names, with what its payload and a Slack alert need of its survey.
import { getDb } from './client'

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
