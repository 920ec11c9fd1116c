// Talking to a project's OpenID Connect provider with openid-client (v6: fetch and WebCrypto, so
// it runs in workerd). Every request it makes — discovery, token, JWKS, userinfo — passes the
// outbound SSRF guard first (worker/lib/outbound-url.ts): production reaches public https hosts
// only; WEBHOOKS_ALLOW_LOCAL=true (local development and tests) also reaches 127.0.0.1.
// https://github.com/panva/openid-client/blob/v6.x/docs/README.md
import * as client from 'openid-client'
import type { Env } from '../env'
import type { OidcProviderRow } from '../db/types'
import { allowLocalTargets, checkOutboundUrl } from '../lib/outbound-url'
import { open } from '../lib/secret-box'
import { secretContext } from './settings'

/** Per request to the provider, connection to last byte. */
const TIMEOUT_MS = 10_000

/** A target the guard refuses: no request was sent. */
export class TargetRefused extends Error {}

function guardedFetch(env: Pick<Env, 'WEBHOOKS_ALLOW_LOCAL'>): client.CustomFetch {
  const allowLocal = allowLocalTargets(env)
  return async function guardedFetch(url, options) {
    const check = checkOutboundUrl(url, { allowLocal })
    if (!check.ok) throw new TargetRefused(`${new URL(url).host} ${check.reason}`)
    // Redirects are answered, not followed: a provider cannot bounce us to a private address.
    return fetch(check.url.toString(), {
      method: options.method,
      headers: options.headers,
      body: options.body,
      redirect: 'manual',
      signal: options.signal ?? AbortSignal.timeout(TIMEOUT_MS),
    })
  }
}

/** Discovers the provider (its metadata's `issuer` must equal the stored one) and its client. */
export async function providerConfig(
  env: Pick<Env, 'WEBHOOKS_ALLOW_LOCAL' | 'ENCRYPTION_KEY'>,
  row: OidcProviderRow,
): Promise<client.Configuration> {
  const secret = await open(
    env.ENCRYPTION_KEY,
    row.client_secret_sealed,
    secretContext(row.project_id),
  )
  const issuer = new URL(row.issuer)
  // Plain http only reaches here for a local provider that the guard let through (tests, dev).
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : []
  // client_secret_basic: the default of OpenID Connect Core 1.0 §9, which every provider takes.
  return client.discovery(issuer, row.client_id, undefined, client.ClientSecretBasic(secret), {
    [client.customFetch]: guardedFetch(env),
    execute,
  })
}
