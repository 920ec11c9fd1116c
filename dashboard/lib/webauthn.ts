// navigator.credentials for passkeys without a library: the server's options are WebAuthn JSON
// (base64url where the browser wants bytes), and the answer goes back as the same JSON
// (RegistrationResponseJSON / AuthenticationResponseJSON, https://www.w3.org/TR/webauthn-3/#sctn-parseCreationOptionsFromJSON).
// About 1 KB, where @simplewebauthn/browser would add several to the dashboard's budget.
import { AUTHENTICATOR_TRANSPORTS, type AuthenticatorTransportName } from '../../schema/constants'
import type {
  PasskeyCreationOptions,
  PasskeyRegistration,
  PasskeyRequestOptions,
  PasskeySignIn,
} from '../../schema/passkeys'

export const passkeysSupported = () =>
  typeof window !== 'undefined' &&
  typeof window.PublicKeyCredential === 'function' &&
  !!navigator.credentials

function bytes(b64url: string): ArrayBuffer {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/')
  const text = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='))
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out.buffer
}

function b64url(buffer: ArrayBuffer): string {
  let text = ''
  for (const b of new Uint8Array(buffer)) text += String.fromCharCode(b)
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const isTransport = (t: string): t is AuthenticatorTransportName =>
  (AUTHENTICATOR_TRANSPORTS as readonly string[]).includes(t)

// The transports TypeScript's DOM types know (its AuthenticatorTransport lacks "cable" and
// "smart-card"); a hint the browser would not know is only a hint, so it is left out.
const DOM_TRANSPORTS: readonly string[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb']
const isDomTransport = (t: string): t is AuthenticatorTransport => DOM_TRANSPORTS.includes(t)

const descriptors = (list: { id: string; transports?: AuthenticatorTransportName[] }[] = []) =>
  list.map((c) => ({
    type: 'public-key' as const,
    id: bytes(c.id),
    transports: c.transports?.filter(isDomTransport),
  }))

const attachment = (c: PublicKeyCredential) =>
  c.authenticatorAttachment === 'platform' || c.authenticatorAttachment === 'cross-platform'
    ? c.authenticatorAttachment
    : undefined

/** Asks the browser to make a passkey; the answer as the register route takes it. */
export async function createPasskey(
  o: PasskeyCreationOptions,
): Promise<PasskeyRegistration['credential']> {
  const made = await navigator.credentials.create({
    publicKey: {
      rp: o.rp,
      user: { ...o.user, id: bytes(o.user.id) },
      challenge: bytes(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation,
      extensions: o.extensions,
    },
  })
  if (!(made instanceof PublicKeyCredential)) throw new Error('No passkey was made.')
  const r = made.response
  if (!(r instanceof AuthenticatorAttestationResponse)) throw new Error('No passkey was made.')
  return {
    id: made.id,
    rawId: b64url(made.rawId),
    type: 'public-key',
    authenticatorAttachment: attachment(made),
    clientExtensionResults: { credProps: made.getClientExtensionResults().credProps },
    response: {
      clientDataJSON: b64url(r.clientDataJSON),
      attestationObject: b64url(r.attestationObject),
      transports: r.getTransports().filter(isTransport),
    },
  }
}

/** Asks the browser for one of its passkeys for this site; the answer as sign-in takes it. */
export async function getPasskey(o: PasskeyRequestOptions): Promise<PasskeySignIn['credential']> {
  const got = await navigator.credentials.get({
    publicKey: {
      challenge: bytes(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      userVerification: o.userVerification,
      allowCredentials: descriptors(o.allowCredentials),
    },
  })
  if (!(got instanceof PublicKeyCredential)) throw new Error('No passkey was chosen.')
  const r = got.response
  if (!(r instanceof AuthenticatorAssertionResponse)) throw new Error('No passkey was chosen.')
  return {
    id: got.id,
    rawId: b64url(got.rawId),
    type: 'public-key',
    authenticatorAttachment: attachment(got),
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64url(r.clientDataJSON),
      authenticatorData: b64url(r.authenticatorData),
      signature: b64url(r.signature),
      ...(r.userHandle ? { userHandle: b64url(r.userHandle) } : {}),
    },
  }
}
