// Managing a project's OpenID Connect provider (GET/PUT/DELETE /v1/project/oidc): owners and
// admins. The issuer passes the same SSRF guard as webhook targets; the client secret is sealed
// under ENCRYPTION_KEY, bound to the project, and never returned.
import type { OidcSettings, OidcSettingsPut } from '../../schema/oidc'
import type { Ctx } from '../context'
import { deleteOidcProvider, findOidcProvider, upsertOidcProvider } from '../db/oidc-providers'
import { controlDb } from '../db/resolve'
import type { OidcProviderRow } from '../db/types'
import { allowLocalTargets, checkOutboundUrl } from '../lib/outbound-url'
import { notFound, validationError } from '../lib/problem'
import { seal } from '../lib/secret-box'

/** The additional authenticated data of a sealed secret: it opens for this project only. */
export const secretContext = (projectId: string) => `oidc:${projectId}:client_secret`

/** The one redirect URI to register at every provider: the project rides in the flow's cookie. */
export const redirectUriFor = (origin: string) => `${origin}/v1/auth/oidc/callback`

export function settingsFromRow(row: OidcProviderRow, origin: string): OidcSettings {
  return {
    projectId: row.project_id,
    configured: true,
    issuer: row.issuer,
    clientId: row.client_id,
    displayName: row.display_name,
    hasClientSecret: row.client_secret_sealed !== '',
    redirectUri: redirectUriFor(origin),
    signInUrl: `${origin}/app/sso/${row.project_id}`,
    updatedAt: row.updated_at,
  }
}

/** The issuer as stored: checked against the outbound rules, without a trailing slash's doubt. */
function checkIssuer(env: Ctx['env'], raw: string) {
  const check = checkOutboundUrl(raw, { allowLocal: allowLocalTargets(env) })
  if (!check.ok) throw validationError([{ path: 'issuer', message: check.reason }])
  if (check.url.search || check.url.hash)
    throw validationError([{ path: 'issuer', message: 'must have no query or fragment' }])
  // Kept as typed (minus a lone trailing slash on the origin): the ID token's `iss` is compared
  // with it exactly, and providers differ on trailing slashes (Discovery 1.0 §4.3).
  return raw
}

/** The provider, or what an admin needs before there is one (the redirect URI to register). */
export async function readOidcSettings(ctx: Ctx, origin: string): Promise<OidcSettings> {
  const row = await findOidcProvider(controlDb(ctx.env), ctx.projectId)
  if (row) return settingsFromRow(row, origin)
  return {
    projectId: ctx.projectId,
    configured: false,
    issuer: null,
    clientId: null,
    displayName: null,
    hasClientSecret: false,
    redirectUri: redirectUriFor(origin),
    signInUrl: `${origin}/app/sso/${ctx.projectId}`,
    updatedAt: null,
  }
}

export async function saveOidcSettings(ctx: Ctx, input: OidcSettingsPut, origin: string) {
  const { env, projectId, now } = ctx
  const issuer = checkIssuer(env, input.issuer)
  const db = controlDb(env)
  const before = await findOidcProvider(db, projectId)
  const sealed =
    input.clientSecret === undefined
      ? before?.client_secret_sealed
      : await seal(env.ENCRYPTION_KEY, input.clientSecret, secretContext(projectId))
  if (sealed === undefined)
    throw validationError([{ path: 'clientSecret', message: 'is required for a new provider' }])
  const row: OidcProviderRow = {
    project_id: projectId,
    issuer,
    client_id: input.clientId,
    client_secret_sealed: sealed,
    display_name: input.displayName ?? new URL(issuer).host,
    created_at: before?.created_at ?? now.toISOString(),
    updated_at: now.toISOString(),
  }
  await upsertOidcProvider(db, row)
  return settingsFromRow(row, origin)
}

export async function removeOidcSettings(ctx: Ctx) {
  if (!(await deleteOidcProvider(controlDb(ctx.env), ctx.projectId)))
    throw notFound('OpenID Connect provider')
}
