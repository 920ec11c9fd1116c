// The bodies a delivery sends: Standard Webhooks JSON {type, timestamp, data}, or a Slack message.
import type { WebhookEvent } from '../../schema/constants'
import type { WebhookEventBody, WebhookResponseData } from '../../schema/webhook'
import { firstLocale } from '../db/event-responses'
import { responseFromRow } from '../db/responses'
import type { ResponseRow } from '../db/types'
import { slackAlert } from './slack'

export type EventResponseRow = ResponseRow & { survey_name: string; survey_texts: string }

/** `data`: the answer exactly as the manager API shows it, plus the survey's name. */
export const eventData = (row: EventResponseRow): WebhookResponseData => ({
  ...responseFromRow(row),
  surveyName: row.survey_name,
})

export interface EventBodyInput {
  format: 'standard' | 'slack'
  type: WebhookEvent
  /** When the event happened (the outbox row's time). */
  at: string
  row: EventResponseRow
  /** Where the dashboard is served from: links to the answer start here. */
  linkBase: string
}

export function eventBody(e: EventBodyInput): string {
  const data = eventData(e.row)
  if (e.format === 'slack') {
    const link = `${e.linkBase}/app/responses/${encodeURIComponent(data.id)}`
    return JSON.stringify(
      slackAlert(e.type, data, { locale: firstLocale(e.row.survey_texts), link }),
    )
  }
  const body: WebhookEventBody = { type: e.type, timestamp: e.at, data }
  return JSON.stringify(body)
}
