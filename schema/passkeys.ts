// Passkeys (WebAuthn) for people (SPEC.md "Accounts and roles"): the JSON the browser's
// PublicKeyCredential serialises to (https://www.w3.org/TR/webauthn-3/#dictdef-registrationresponsejson),
// bounded, and what "your passkeys" lists.
import { z } from 'zod'
import { AUTHENTICATOR_TRANSPORTS, PASSKEY_NAME_MAX } from './constants'
import { Id, Timestamp } from './fields'

export const PASSKEY_PURPOSES = ['register', 'sign-in'] as const
export type PasskeyPurpose = (typeof PASSKEY_PURPOSES)[number]

/** How long a ceremony's challenge can be answered: the options' timeout plus a margin. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000
/** What the browser is told to wait for the person (WebAuthn `timeout`). */
export const PASSKEY_TIMEOUT_MS = 4 * 60 * 1000
/** Passkeys per person: enough for every device and a spare key, few enough to list. */
export const PASSKEYS_PER_USER = 20

// The spec's limits: a credential id is at most 1023 bytes (§5.8.3), i.e. 1364 base64url
// characters. An attestation object with `attestation: 'none'` is small; 16 KiB leaves room for a
// packed self-attestation and extensions.
const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
const CredentialId = b64url(1400)

const Transport = z.enum(AUTHENTICATOR_TRANSPORTS)

// Only credProps is read (whether the passkey is discoverable); other outputs are dropped.
const ClientExtensionResults = z
  .object({ credProps: z.object({ rk: z.boolean().optional() }).optional() })
  .meta({ description: 'getClientExtensionResults(); unknown members are ignored' })

const credentialBase = {
  id: CredentialId,
  rawId: CredentialId,
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: ClientExtensionResults,
}

export const PasskeyRegistration = z
  .object({
    credential: z.object({
      ...credentialBase,
      response: z.object({
        clientDataJSON: b64url(4000),
        attestationObject: b64url(16_000),
        authenticatorData: b64url(16_000).optional(),
        transports: z.array(Transport).max(AUTHENTICATOR_TRANSPORTS.length).optional(),
        publicKeyAlgorithm: z.int().optional(),
        publicKey: b64url(4000).optional(),
      }),
    }),
    /** Shown in the list, e.g. "Work laptop"; defaults to "Passkey". */
    name: z.string().trim().max(PASSKEY_NAME_MAX).optional(),
  })
  .strict()
  .meta({ id: 'PasskeyRegistration' })
export type PasskeyRegistration = z.infer<typeof PasskeyRegistration>

export const PasskeySignIn = z
  .object({
    credential: z.object({
      ...credentialBase,
      response: z.object({
        clientDataJSON: b64url(4000),
        authenticatorData: b64url(16_000),
        signature: b64url(1000),
        userHandle: b64url(200).optional(),
      }),
    }),
  })
  .strict()
  .meta({ id: 'PasskeySignIn' })
export type PasskeySignIn = z.infer<typeof PasskeySignIn>

// The options are WebAuthn's own JSON (PublicKeyCredentialCreationOptionsJSON and
// …RequestOptionsJSON, https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialcreationoptionsjson)
// for navigator.credentials once the base64url members are bytes. The members we send are typed;
// others the library may add pass through.
const Descriptor = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z.array(Transport).max(AUTHENTICATOR_TRANSPORTS.length).optional(),
})
const UserVerification = z.enum(['required', 'preferred', 'discouraged'])

export const PasskeyCreationOptions = z
  .looseObject({
    challenge: z.string(),
    rp: z.object({ id: z.string().optional(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.int() })).max(10),
    timeout: z.int().optional(),
    excludeCredentials: z.array(Descriptor).max(PASSKEYS_PER_USER).optional(),
    authenticatorSelection: z
      .object({
        residentKey: z.enum(['required', 'preferred', 'discouraged']).optional(),
        requireResidentKey: z.boolean().optional(),
        userVerification: UserVerification.optional(),
        authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      })
      .optional(),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
    extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  })
  .meta({ id: 'PasskeyCreationOptions', description: 'PublicKeyCredentialCreationOptionsJSON' })
export type PasskeyCreationOptions = z.infer<typeof PasskeyCreationOptions>

export const PasskeyRequestOptions = z
  .looseObject({
    challenge: z.string(),
    rpId: z.string().optional(),
    timeout: z.int().optional(),
    userVerification: UserVerification.optional(),
    allowCredentials: z.array(Descriptor).max(PASSKEYS_PER_USER).optional(),
  })
  .meta({ id: 'PasskeyRequestOptions', description: 'PublicKeyCredentialRequestOptionsJSON' })
export type PasskeyRequestOptions = z.infer<typeof PasskeyRequestOptions>

export const Passkey = z
  .object({
    id: Id,
    name: z.string(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    transports: z.array(Transport).max(AUTHENTICATOR_TRANSPORTS.length),
  })
  .meta({ id: 'Passkey' })
export type Passkey = z.infer<typeof Passkey>

export const PasskeyList = z
  .object({ data: z.array(Passkey).max(PASSKEYS_PER_USER) })
  .meta({ id: 'PasskeyList' })
export type PasskeyList = z.infer<typeof PasskeyList>
