// Where and how one attempt is sent: the endpoint's URL and secrets opened from their sealed
// form, and the Standard Webhooks headers (Slack incoming webhooks take no signature).
import type { WebhookEndpointRow } from '../db/types'
import type { Env } from '../env'
import type { OutboundRequest } from '../lib/outbound-fetch'
import { open } from '../lib/secret-box'
import { signatureHeaders } from './sign'

/** Additional authenticated data of an endpoint's sealed fields: they open only on their row. */
export const sealContext = (endpointId: string, field: 'url' | 'secret') =>
  `webhook:${endpointId}:${field}`

export async function endpointTarget(
  env: Env,
  e: WebhookEndpointRow,
  msgId: string,
  now: Date,
  body: string,
): Promise<{ request: OutboundRequest } | { error: string }> {
  try {
    const key = env.ENCRYPTION_KEY
    const url = await open(key, e.url_sealed, sealContext(e.id, 'url'))
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Kundepuls-Webhooks/1.0',
    }
    if (e.format === 'standard' && e.secret_sealed) {
      const secrets = [await open(key, e.secret_sealed, sealContext(e.id, 'secret'))]
      const overlap = e.previous_secret_expires_at
      if (e.previous_secret_sealed && overlap && overlap > now.toISOString())
        secrets.push(await open(key, e.previous_secret_sealed, sealContext(e.id, 'secret')))
      Object.assign(headers, signatureHeaders(msgId, now, body, secrets))
    }
    return { request: { url, headers, body } }
  } catch (err) {
    console.error('webhooks: cannot open sealed endpoint fields', e.id, err)
    return { error: 'cannot decrypt the endpoint (was ENCRYPTION_KEY changed?)' }
  }
}
