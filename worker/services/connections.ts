// Managing help-desk connections: checking the target and the survey, sealing credentials and
// secrets (never returned), and the setup texts with this connection's URLs.
import {
  ConnectionRules,
  type ConnectionCreate,
  type ConnectionCreated,
  type ConnectionPatch,
} from '../../schema/connection'
import { HELPDESK_LIMITS, type ConnectionKind } from '../../schema/constants'
import {
  connectionFromRow,
  countConnections,
  findConnection,
  inboundUrlOf,
  insertConnection,
  rulesOf,
  updateConnection,
  type ConnectionChanges,
} from '../db/helpdesk-connections'
import { findSurvey } from '../db/surveys'
import type { HelpdeskConnectionRow } from '../db/types'
import type { Env } from '../env'
import { newId, newSecret } from '../lib/ids'
import { allowLocalTargets, checkOutboundUrl } from '../lib/outbound-url'
import { ApiError, notFound, validationError } from '../lib/problem'
import { seal } from '../lib/secret-box'
import { sealContext } from '../helpdesk/desk'
import { DESKS } from '../helpdesk/desks'
import { setupFor } from '../helpdesk/setup'
import type { Ctx } from '../context'

/** The help desk's origin: https (http://127.0.0.1 only with WEBHOOKS_ALLOW_LOCAL), no path. */
function checkBaseUrl(env: Env, raw: string) {
  const check = checkOutboundUrl(raw, { allowLocal: allowLocalTargets(env) })
  if (!check.ok) throw validationError([{ path: 'baseUrl', message: check.reason }])
  if (check.url.pathname !== '/' || check.url.search || check.url.hash)
    throw validationError([
      { path: 'baseUrl', message: 'must be an origin, like https://acme.zendesk.com' },
    ])
  return check.url.origin
}

async function checkSurvey(ctx: Ctx, surveyId: string) {
  if (!(await findSurvey(ctx.db, ctx.projectId, surveyId)))
    throw validationError([{ path: 'surveyId', message: 'no live survey with this id' }])
}

function checkCredentials(kind: ConnectionKind, credentials: unknown) {
  const r = DESKS[kind].credentials.safeParse(credentials)
  if (!r.success)
    throw validationError([
      { path: 'credentials', message: `not ${kind} credentials (see the schema)` },
    ])
  return r.data
}

/** "only Zendesk connections take a signing secret": the desks that make their own secret. */
const SIGNING_SECRET_ONLY = `only ${Object.values(DESKS)
  .filter((d) => d.inboundSecret === 'desk')
  .map((d) => d.label)
  .join(' or ')} connections take a signing secret`

const sealed = (env: Env, id: string, field: 'credentials' | 'inbound', value: string) =>
  seal(env.ENCRYPTION_KEY, value, sealContext(id, field))

export async function createConnection(
  ctx: Ctx,
  input: ConnectionCreate,
  origin: string,
): Promise<ConnectionCreated> {
  const { env, projectId, now } = ctx
  const baseUrl = checkBaseUrl(env, input.baseUrl)
  await checkSurvey(ctx, input.surveyId)
  if ((await countConnections(ctx.db, projectId)) >= HELPDESK_LIMITS.connectionsPerProject) {
    throw new ApiError(
      'too_many_connections',
      `A project can have at most ${HELPDESK_LIMITS.connectionsPerProject} help-desk connections.`,
    )
  }
  const id = newId('hdc')
  // Zendesk makes its signing secret; for the others, Kundepuls makes one (Help Scout: ≤ 40 chars).
  const deskMakesSecret = DESKS[input.kind].inboundSecret === 'desk'
  const made = deskMakesSecret ? undefined : newSecret()
  const inbound = deskMakesSecret && 'signingSecret' in input ? input.signingSecret : made
  const at = now.toISOString()
  const row: HelpdeskConnectionRow = {
    id,
    project_id: projectId,
    kind: input.kind,
    survey_id: input.surveyId,
    base_url: baseUrl,
    credentials_sealed: await sealed(env, id, 'credentials', JSON.stringify(input.credentials)),
    inbound_secret_sealed: inbound ? await sealed(env, id, 'inbound', inbound) : null,
    rules: JSON.stringify(ConnectionRules.parse(input.rules ?? {})),
    origin,
    access_token_sealed: null,
    access_token_expires_at: null,
    created_at: at,
    updated_at: at,
  }
  await insertConnection(ctx.db, row)
  const setup = setupFor({
    kind: row.kind,
    id,
    inboundUrl: inboundUrlOf(row),
    apiOrigin: origin,
    inboundSecret: made,
  })
  return { ...connectionFromRow(row), ...(made && { inboundSecret: made }), setup }
}

export async function patchConnection(ctx: Ctx, id: string, patch: ConnectionPatch) {
  const { env, projectId, now } = ctx
  const current = await findConnection(ctx.db, projectId, id)
  if (!current) throw notFound('Connection')
  const changes: ConnectionChanges = {}
  if (patch.baseUrl !== undefined) changes.base_url = checkBaseUrl(env, patch.baseUrl)
  if (patch.surveyId !== undefined) {
    await checkSurvey(ctx, patch.surveyId)
    changes.survey_id = patch.surveyId
  }
  if (patch.credentials !== undefined) {
    const creds = checkCredentials(current.kind, patch.credentials)
    changes.credentials_sealed = await sealed(env, id, 'credentials', JSON.stringify(creds))
  }
  if (patch.signingSecret !== undefined) {
    if (DESKS[current.kind].inboundSecret !== 'desk')
      throw validationError([{ path: 'signingSecret', message: SIGNING_SECRET_ONLY }])
    changes.inbound_secret_sealed = await sealed(env, id, 'inbound', patch.signingSecret)
  }
  if (patch.rules !== undefined)
    changes.rules = JSON.stringify({ ...rulesOf(current), ...patch.rules })
  // A cached Help Scout token belongs to the old credentials or host.
  if (changes.base_url !== undefined || changes.credentials_sealed !== undefined) {
    changes.access_token_sealed = null
    changes.access_token_expires_at = null
  }
  const row = await updateConnection(ctx.db, projectId, id, changes, now.toISOString())
  if (!row) throw notFound('Connection')
  return connectionFromRow(row)
}

/** The setup texts again (without the secret, which was shown once). */
export function setupOf(row: HelpdeskConnectionRow) {
  return setupFor({
    kind: row.kind,
    id: row.id,
    inboundUrl: inboundUrlOf(row),
    apiOrigin: row.origin,
  })
}
