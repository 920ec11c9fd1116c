// Queries on webhook_endpoints. Every read and write names the project, except the consumer's
// lookup by id, which starts from a delivery row that already belongs to one.
import type { Webhook, WebhookFilter } from '../../schema/webhook'
import { getDb, toStatement } from './client'
import type { WebhookEndpointRow } from './types'

const json = (v: string | null) => (v === null ? undefined : JSON.parse(v))

export function webhookFromRow(r: WebhookEndpointRow, now: Date): Webhook {
  const filter: WebhookFilter = {}
  if (r.categories !== null) filter.categories = json(r.categories)
  if (r.touchpoints !== null) filter.touchpoints = json(r.touchpoints)
  if (r.survey_ids !== null) filter.surveyIds = json(r.survey_ids)
  const overlap = r.previous_secret_expires_at
  return {
    id: r.id,
    url: r.url_shown,
    format: r.format,
    events: JSON.parse(r.events),
    filter,
    description: r.description,
    enabled: r.disabled_at === null,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    previousSecretExpiresAt: overlap && overlap > now.toISOString() ? overlap : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The filter as its three nullable JSON columns (absent = NULL = matches anything). */
export function filterColumns(f: WebhookFilter | null | undefined) {
  const col = (v: string[] | undefined) => (v === undefined ? null : JSON.stringify(v))
  return {
    categories: col(f?.categories),
    touchpoints: col(f?.touchpoints),
    survey_ids: col(f?.surveyIds),
  }
}

export async function insertEndpoint(d1: D1Database, row: WebhookEndpointRow) {
  await getDb(d1).insertInto('webhook_endpoints').values(row).execute()
}

export async function countEndpoints(d1: D1Database, projectId: string) {
  const r = await getDb(d1)
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export function findEndpoint(d1: D1Database, projectId: string, id: string) {
  return getDb(d1)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
}

export function findEndpointById(d1: D1Database, id: string) {
  return getDb(d1)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

export function listEndpoints(d1: D1Database, projectId: string) {
  return getDb(d1)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .execute()
}

export function updateEndpoint(
  d1: D1Database,
  projectId: string,
  id: string,
  set: Partial<WebhookEndpointRow>,
) {
  return getDb(d1)
    .updateTable('webhook_endpoints')
    .set(set)
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .returningAll()
    .executeTakeFirst()
}

/** Deletes an endpoint; its delivery log goes with it (ON DELETE CASCADE). */
export async function deleteEndpoint(d1: D1Database, projectId: string, id: string) {
  const r = await getDb(d1)
    .deleteFrom('webhook_endpoints')
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** Statement: after a success the endpoint is healthy again. */
export const endpointSucceeded = (d1: D1Database, id: string) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_endpoints')
      .set({ failing_since: null })
      .where('id', '=', id)
      .where('failing_since', 'is not', null),
  )

/** Statement: remembers when the current run of failures began. */
export const endpointFailed = (d1: D1Database, id: string, at: string) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_endpoints')
      .set({ failing_since: at })
      .where('id', '=', id)
      .where('failing_since', 'is', null),
  )

/** Statement: disables an endpoint (410 Gone, or 5 days of failures) and says why. */
export const endpointDisabled = (d1: D1Database, id: string, at: string, reason: string) =>
  toStatement(
    d1,
    getDb(d1)
      .updateTable('webhook_endpoints')
      .set({ disabled_at: at, disabled_reason: reason, updated_at: at })
      .where('id', '=', id)
      .where('disabled_at', 'is', null),
  )
