// Standard Webhooks signing, done by the `standardwebhooks` library itself (never by hand), so a
// receiver using any Standard Webhooks library verifies what we send.
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
import { Webhook } from 'standardwebhooks'

/** whsec_ + base64 of 24 random bytes (the form the library and Svix-style tooling expect). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return `whsec_${btoa(String.fromCharCode(...bytes))}`
}

/**
 * The three headers of one attempt. `at` is the attempt's time (receivers refuse timestamps more
 * than 5 minutes off, so it cannot be the event's). During a rotation both the new and the old
 * secret sign: the signature header lists both, space-separated, as the spec allows, and a
 * receiver holding either secret verifies.
 */
export function signatureHeaders(msgId: string, at: Date, body: string, secrets: string[]) {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(' '),
  }
}
