// A software authenticator for the worker tests: it answers WebAuthn creation and request options
// as a browser and a platform authenticator would (ES256 key, "none" attestation, user verified),
// with knobs to answer wrongly (another origin, a stale counter). Built from the spec's byte
// layouts: authenticator data §6.1, attested credential data §6.5.1, COSE key RFC 9053 §7.1.
import { isoBase64URL, isoCBOR, isoUint8Array } from '@simplewebauthn/server/helpers'
import type { PasskeyRegistration, PasskeySignIn } from '../../schema/passkeys'
import { call } from './helpers'
import { ORIGIN, withCookie } from './session-helpers'
import { expect } from 'vitest'

type Bytes = Uint8Array<ArrayBuffer>
const b64 = (bytes: Bytes) => isoBase64URL.fromBuffer(bytes)
const sha256 = async (bytes: Bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
const u32 = (n: number) => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n)
  return out
}

/** ECDSA's raw r‖s (WebCrypto) as the ASN.1 DER WebAuthn wants for ES256 (§6.5.6). */
function derSignature(raw: Bytes) {
  const int = (b: Bytes) => {
    let i = 0
    while (i < b.length - 1 && b[i] === 0) i++
    const trimmed = b.slice(i)
    const body = trimmed[0] & 0x80 ? isoUint8Array.concat([new Uint8Array([0]), trimmed]) : trimmed
    return isoUint8Array.concat([new Uint8Array([0x02, body.length]), body])
  }
  const seq = isoUint8Array.concat([int(raw.slice(0, 32)), int(raw.slice(32))])
  return isoUint8Array.concat([new Uint8Array([0x30, seq.length]), seq])
}

interface Knobs {
  /** The origin the "browser" writes into clientDataJSON (default: the test worker's). */
  origin?: string
  /** The RP ID whose hash the authenticator signs (default: the options' RP ID). */
  rpID?: string
  /** Flags byte of the authenticator data (default UP | UV). */
  flags?: number
}

export async function softAuthenticator() {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) satisfies CryptoKeyPair | CryptoKey
  if (!('publicKey' in keys)) throw new Error('ECDSA makes a key pair')
  const exported = await crypto.subtle.exportKey('raw', keys.publicKey)
  if (!(exported instanceof ArrayBuffer)) throw new Error('raw export is bytes')
  const rawPublic = new Uint8Array(exported)
  const credentialId = crypto.getRandomValues(new Uint8Array(16))
  let counter = 0
  let userHandle = ''

  const authData = async (rpID: string, flags: number, extra: Bytes[] = []) =>
    isoUint8Array.concat([
      await sha256(isoUint8Array.fromUTF8String(rpID)),
      new Uint8Array([flags]),
      u32(counter),
      ...extra,
    ])
  const clientData = (type: string, challenge: string, origin: string) =>
    isoUint8Array.fromUTF8String(JSON.stringify({ type, challenge, origin, crossOrigin: false }))

  return {
    id: b64(credentialId),
    /** Sets the signature counter the next answer carries. */
    setCounter(n: number) {
      counter = n
    },
    async create(
      options: { challenge: string; rp: { id?: string }; user: { id: string } },
      knobs: Knobs = {},
    ): Promise<PasskeyRegistration['credential']> {
      userHandle = options.user.id
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, rawPublic.slice(1, 33)],
          [-3, rawPublic.slice(33, 65)],
        ]),
      )
      const attested = [
        new Uint8Array(16), // AAGUID: none
        new Uint8Array([0, credentialId.length]),
        credentialId,
        cose,
      ]
      // UP | UV | AT (attested credential data included).
      const data = await authData(knobs.rpID ?? options.rp.id ?? '', knobs.flags ?? 0x45, attested)
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Bytes | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', data],
        ]),
      )
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key',
        clientExtensionResults: { credProps: { rk: true } },
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64(
            clientData('webauthn.create', options.challenge, knobs.origin ?? ORIGIN),
          ),
          attestationObject: b64(attestationObject),
          transports: ['internal'],
        },
      }
    },
    async get(
      options: { challenge: string; rpId?: string },
      knobs: Knobs = {},
    ): Promise<PasskeySignIn['credential']> {
      const data = await authData(knobs.rpID ?? options.rpId ?? '', knobs.flags ?? 0x05)
      const client = clientData('webauthn.get', options.challenge, knobs.origin ?? ORIGIN)
      const signed = isoUint8Array.concat([data, await sha256(client)])
      const raw = new Uint8Array(
        await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, signed),
      )
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64(client),
          authenticatorData: b64(data),
          signature: b64(derSignature(raw)),
          ...(userHandle ? { userHandle } : {}),
        },
      }
    },
  }
}

export type SoftAuthenticator = Awaited<ReturnType<typeof softAuthenticator>>

/** A signed-in person adds a passkey held by a new software authenticator. */
export async function addPasskey(cookie: string, name = 'Test key') {
  const key = await softAuthenticator()
  const options = await withCookie('POST', '/v1/auth/passkeys/register/options', cookie)
  expect(options.status, options.text).toBe(200)
  const made = await withCookie('POST', '/v1/auth/passkeys/register', cookie, {
    body: { credential: await key.create(options.json), name },
  })
  expect(made.status, made.text).toBe(201)
  return { key, passkey: made.json as { id: string; name: string } }
}

export async function signInOptions() {
  const res = await call('POST', '/v1/auth/passkeys/sign-in/options', {
    headers: { origin: ORIGIN },
  })
  expect(res.status, res.text).toBe(200)
  return res.json as { challenge: string; rpId: string }
}

export const passkeySignIn = (credential: PasskeySignIn['credential'], origin = ORIGIN) =>
  call('POST', '/v1/auth/passkeys/sign-in', { body: { credential }, headers: { origin } })
