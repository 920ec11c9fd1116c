// The project's OpenID Connect provider (/v1/project/oidc): owners and admins (or a full key)
// read, set and remove it. The client secret goes in and never comes out.
import { createRoute } from '@hono/zod-openapi'
import { OidcSettings, OidcSettingsPut } from '../../schema/oidc'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, securedAdmin } from '../lib/openapi'
import { readOidcSettings, removeOidcSettings, saveOidcSettings } from '../oidc/settings'

const read = createRoute({
  method: 'get',
  path: '/',
  summary:
    "The project's single sign-on provider (without its client secret); configured false and the redirect URI to register before one is set",
  ...securedAdmin,
  responses: { 200: jsonContent(OidcSettings, 'The provider'), ...problems(401, 403) },
})

const put = createRoute({
  method: 'put',
  path: '/',
  summary: 'Set the OpenID Connect provider members may sign in with (issuer, client, name)',
  description:
    'Register `redirectUri` (…/v1/auth/oidc/callback) at the provider, with scopes `openid ' +
    'email`. The client secret is sealed under ENCRYPTION_KEY; leave it out to keep the stored ' +
    'one. The issuer must be a public https URL.',
  ...securedAdmin,
  request: { body: jsonBody(OidcSettingsPut) },
  responses: { 200: jsonContent(OidcSettings, 'Saved'), ...problems(400, 401, 403, 413, 415) },
})

const remove = createRoute({
  method: 'delete',
  path: '/',
  summary: 'Remove single sign-on: members sign in with their password again',
  ...securedAdmin,
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
})

export const projectOidcRoutes = createApp()
  .openapi(read, async (c) => {
    c.header('cache-control', 'no-store')
    return c.json(await readOidcSettings(c.var.ctx, new URL(c.req.url).origin), 200)
  })
  .openapi(put, async (c) =>
    c.json(await saveOidcSettings(c.var.ctx, c.req.valid('json'), new URL(c.req.url).origin), 200),
  )
  .openapi(remove, async (c) => {
    await removeOidcSettings(c.var.ctx)
    return c.body(null, 204)
  })
