// Managing webhook endpoints: target checks, sealing URLs and secrets, masking Slack URLs,
// rotating secrets with a 24-hour overlap.
import { WEBHOOK_LIMITS } from '../../schema/constants'
import type {
  Webhook,
  WebhookCreate,
  WebhookFilter,
  WebhookPatch,
  WebhookWithSecret,
} from '../../schema/webhook'
import { findSurveysForAnswer } from '../db/surveys'
import type { WebhookEndpointRow } from '../db/types'
import {
  countEndpoints,
  filterColumns,
  findEndpoint,
  insertEndpoint,
  updateEndpoint,
  webhookFromRow,
} from '../db/webhook-endpoints'
import type { Env } from '../env'
import { newId } from '../lib/ids'
import { allowLocalTargets, checkOutboundUrl } from '../lib/outbound-url'
import { ApiError, notFound, validationError } from '../lib/problem'
import { seal } from '../lib/secret-box'
import { newWebhookSecret } from '../webhooks/sign'
import { sealContext } from '../webhooks/target'
import type { Ctx } from '../context'

/**
 * A Slack URL is a secret (whoever has it can post to the channel): keep the origin and the
 * first path segment, two characters of the next ones, nothing of the last one.
 * https://hooks.slack.com/services/T0123/B0456/XyZ → https://hooks.slack.com/services/T0…/B0…/••••
 */
export function maskUrl(raw: string): string {
  const u = new URL(raw)
  const parts = u.pathname.split('/').filter(Boolean)
  const masked = parts.map((p, i) =>
    i === 0 && parts.length > 1 ? p : i === parts.length - 1 ? '••••' : `${p.slice(0, 2)}…`,
  )
  return `${u.origin}/${masked.join('/')}`
}

function checkTarget(env: Env, url: string) {
  const check = checkOutboundUrl(url, { allowLocal: allowLocalTargets(env) })
  if (!check.ok) throw validationError([{ path: 'url', message: check.reason }])
  return check.url.toString()
}

async function checkSurveys(ctx: Ctx, filter: WebhookFilter | null | undefined) {
  const ids = filter?.surveyIds
  if (!ids) return
  const found = await findSurveysForAnswer(ctx.db, ctx.projectId, ids)
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !found.has(id))
    .map(({ i }) => ({ path: `filter.surveyIds.${i}`, message: 'no live survey with this id' }))
  if (errors.length) throw validationError(errors)
}

async function urlColumns(env: Env, id: string, format: Webhook['format'], url: string) {
  return {
    url_sealed: await seal(env.ENCRYPTION_KEY, url, sealContext(id, 'url')),
    url_shown: format === 'slack' ? maskUrl(url) : url,
  }
}

export async function createWebhook(
  ctx: Ctx,
  input: WebhookCreate,
  linkBase: string,
): Promise<WebhookWithSecret> {
  const { env, projectId, now } = ctx
  const url = checkTarget(env, input.url)
  await checkSurveys(ctx, input.filter)
  if ((await countEndpoints(ctx.db, projectId)) >= WEBHOOK_LIMITS.endpointsPerProject) {
    throw new ApiError(
      'too_many_webhooks',
      `A project can have at most ${WEBHOOK_LIMITS.endpointsPerProject} webhook endpoints.`,
    )
  }
  const id = newId('whk')
  const at = now.toISOString()
  const secret = input.format === 'standard' ? newWebhookSecret() : undefined
  const row: WebhookEndpointRow = {
    id,
    project_id: projectId,
    format: input.format,
    ...(await urlColumns(env, id, input.format, url)),
    events: JSON.stringify([...new Set(input.events)]),
    ...filterColumns(input.filter),
    description: input.description || null,
    secret_sealed: secret
      ? await seal(env.ENCRYPTION_KEY, secret, sealContext(id, 'secret'))
      : null,
    previous_secret_sealed: null,
    previous_secret_expires_at: null,
    link_base: linkBase,
    failing_since: null,
    disabled_at: null,
    disabled_reason: null,
    created_at: at,
    updated_at: at,
  }
  await insertEndpoint(ctx.db, row)
  return { ...webhookFromRow(row, now), ...(secret ? { secret } : {}) }
}

export async function patchWebhook(ctx: Ctx, id: string, patch: WebhookPatch): Promise<Webhook> {
  const { env, projectId, now } = ctx
  const current = await findEndpoint(ctx.db, projectId, id)
  if (!current) throw notFound('Webhook')
  const at = now.toISOString()
  const set: Partial<WebhookEndpointRow> = { updated_at: at }
  if (patch.url !== undefined)
    Object.assign(set, await urlColumns(env, id, current.format, checkTarget(env, patch.url)))
  if (patch.events !== undefined) set.events = JSON.stringify([...new Set(patch.events)])
  if (patch.filter !== undefined) {
    await checkSurveys(ctx, patch.filter)
    Object.assign(set, filterColumns(patch.filter))
  }
  if (patch.description !== undefined) set.description = patch.description || null
  if (patch.enabled === true)
    Object.assign(set, { disabled_at: null, disabled_reason: null, failing_since: null })
  if (patch.enabled === false && current.disabled_at === null)
    Object.assign(set, { disabled_at: at, disabled_reason: 'disabled by a manager' })
  const row = await updateEndpoint(ctx.db, projectId, id, set)
  if (!row) throw notFound('Webhook')
  return webhookFromRow(row, now)
}

/** A new secret; the current one keeps signing alongside it for 24 hours. */
export async function rotateSecret(ctx: Ctx, id: string): Promise<WebhookWithSecret> {
  const { env, projectId, now } = ctx
  const current = await findEndpoint(ctx.db, projectId, id)
  if (!current) throw notFound('Webhook')
  if (current.format !== 'standard' || !current.secret_sealed) {
    throw new ApiError('not_signed', 'Slack endpoints are not signed; they have no secret.')
  }
  const secret = newWebhookSecret()
  const at = now.toISOString()
  const row = await updateEndpoint(ctx.db, projectId, id, {
    secret_sealed: await seal(env.ENCRYPTION_KEY, secret, sealContext(id, 'secret')),
    previous_secret_sealed: current.secret_sealed,
    previous_secret_expires_at: new Date(
      now.getTime() + WEBHOOK_LIMITS.rotationOverlapMs,
    ).toISOString(),
    updated_at: at,
  })
  if (!row) throw notFound('Webhook')
  return { ...webhookFromRow(row, now), secret }
}
