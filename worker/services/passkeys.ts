// Passkeys (WebAuthn) for people: register one while signed in, sign in with one without an email
// (discoverable credentials), list and remove them. Verification is @simplewebauthn/server's; this
// file decides the relying party, keeps challenges single use and starts the usual user session.
// https://simplewebauthn.dev/docs/packages/server
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { decodeClientDataJSON, isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers'
import { AUTHENTICATOR_TRANSPORTS } from '../../schema/constants'
import {
  PASSKEY_CHALLENGE_TTL_MS,
  PASSKEY_TIMEOUT_MS,
  PASSKEYS_PER_USER,
  type Passkey,
  type PasskeyCreationOptions,
  type PasskeyList,
  type PasskeyPurpose,
  type PasskeyRegistration,
  type PasskeyRequestOptions,
  type PasskeySignIn,
} from '../../schema/passkeys'
import type { Env } from '../env'
import {
  consumePasskeyChallenge,
  deletePasskey,
  findPasskeyByCredential,
  insertPasskey,
  insertPasskeyChallenge,
  listPasskeys,
  touchPasskey,
} from '../db/passkeys'
import { controlDb } from '../db/resolve'
import type { PasskeyRow } from '../db/types'
import { findUser } from '../db/users'
import { sha256Hex } from '../lib/crypto'
import { newId } from '../lib/ids'
import { ApiError, notFound } from '../lib/problem'
import { startUserSession } from './accounts'

type Bindings = Pick<Env, 'DB' | 'PUBLIC_URL'>

/** Who the passkeys belong to: the deployment's public origin, else the request's own. */
export interface RelyingParty {
  origin: string
  rpID: string
}

/**
 * PUBLIC_URL wins when set, so a passkey is always made for the one public name of the deployment
 * (a request that reached the worker under another hostname cannot mint passkeys for it). The RP
 * ID is the origin's host name: WebAuthn scopes a credential to it (§5.1.4.1) and the browser
 * refuses an RP ID the page's origin does not belong to.
 */
export function relyingParty(env: Pick<Env, 'PUBLIC_URL'>, requestUrl: string): RelyingParty {
  const origin = new URL(env.PUBLIC_URL || requestUrl).origin
  return { origin, rpID: new URL(origin).hostname }
}

const rejected = (why: string) =>
  new ApiError('passkey_rejected', `The passkey's answer did not verify: ${why.slice(0, 300)}`)
const challengeUnusable = () =>
  new ApiError(
    'challenge_unusable',
    'This passkey challenge was used, has expired or is unknown; ask for new options.',
  )
// One answer for an unknown passkey and a bad signature: no oracle for which credentials exist.
const signInRefused = () =>
  new ApiError('unauthorized', 'This passkey is not known here or did not verify.')

const TRANSPORTS = new Set<string>(AUTHENTICATOR_TRANSPORTS)
const transportsOf = (row: PasskeyRow) => {
  const parsed: unknown = JSON.parse(row.transports)
  return Array.isArray(parsed)
    ? AUTHENTICATOR_TRANSPORTS.filter((t) => parsed.includes(t) && TRANSPORTS.has(t))
    : []
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  transports: transportsOf(row),
})

/** The user handle a passkey carries: the user id's bytes (no email or name, per §14.6.1). */
const userHandle = (userId: string) => isoUint8Array.fromUTF8String(userId)

async function storeChallenge(
  env: Bindings,
  challenge: string,
  purpose: PasskeyPurpose,
  userId: string | null,
  now: Date,
) {
  await insertPasskeyChallenge(controlDb(env), {
    hash: await sha256Hex(challenge),
    purpose,
    user_id: userId,
    expires_at: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS).toISOString(),
  })
}

/**
 * Uses up the challenge the browser signed (read from its clientDataJSON). Before verification, so
 * a failed attempt spends it too; the verifier then compares it with the signed one.
 */
async function spendChallenge(
  env: Bindings,
  clientDataJSON: string,
  purpose: PasskeyPurpose,
  now: Date,
) {
  let challenge: string
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge
  } catch {
    throw rejected('clientDataJSON is not JSON from a browser.')
  }
  if (typeof challenge !== 'string' || !challenge) throw challengeUnusable()
  const row = await consumePasskeyChallenge(
    controlDb(env),
    await sha256Hex(challenge),
    purpose,
    now.toISOString(),
  )
  if (!row) throw challengeUnusable()
  return { challenge, userId: row.user_id }
}

export async function listPasskeysOf(env: Bindings, userId: string): Promise<PasskeyList> {
  return { data: (await listPasskeys(controlDb(env), userId)).map(toPasskey) }
}

/** Removes one of this person's passkeys; 404 when it is not theirs (or gone). */
export async function removePasskey(env: Bindings, userId: string, id: string) {
  if (!(await deletePasskey(controlDb(env), userId, id))) throw notFound('Passkey')
}

export async function registrationOptions(
  env: Bindings,
  userId: string,
  rp: RelyingParty,
  now: Date,
): Promise<PasskeyCreationOptions> {
  const db = controlDb(env)
  const user = await findUser(db, userId)
  if (!user) throw new ApiError('unauthorized', 'The account no longer exists.')
  const existing = await listPasskeys(db, userId)
  if (existing.length >= PASSKEYS_PER_USER)
    throw new ApiError(
      'too_many_passkeys',
      `An account keeps at most ${PASSKEYS_PER_USER} passkeys; remove one first.`,
    )
  const options = await generateRegistrationOptions({
    rpName: 'Kundepuls',
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name || user.email,
    userID: userHandle(user.id),
    timeout: PASSKEY_TIMEOUT_MS,
    attestationType: 'none',
    // The same authenticator twice would only clutter the list.
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p) })),
    // Discoverable (resident) credentials: sign-in needs no email, so it names no account.
    // User verification (PIN, biometrics) makes the passkey a whole sign-in, not only possession.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    extensions: { credProps: true },
  })
  await storeChallenge(env, options.challenge, 'register', user.id, now)
  return { ...options }
}

export async function registerPasskey(
  env: Bindings,
  userId: string,
  input: PasskeyRegistration,
  rp: RelyingParty,
  now: Date,
): Promise<Passkey> {
  const { credential } = input
  const spent = await spendChallenge(env, credential.response.clientDataJSON, 'register', now)
  // A challenge made for someone else's session is as good as none.
  if (spent.userId !== userId) throw challengeUnusable()
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>
  try {
    verified = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: spent.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    })
  } catch (err) {
    throw rejected(err instanceof Error ? err.message : 'unknown reason')
  }
  if (!verified.verified) throw rejected('the attestation did not verify.')
  const made = verified.registrationInfo.credential
  const row: PasskeyRow = {
    id: newId('pky'),
    credential_id: made.id,
    user_id: userId,
    public_key: isoBase64URL.fromBuffer(made.publicKey),
    counter: made.counter,
    transports: JSON.stringify(credential.response.transports ?? []),
    name: input.name || 'Passkey',
    created_at: now.toISOString(),
    last_used_at: null,
  }
  if (!(await insertPasskey(controlDb(env), row)))
    throw rejected('this passkey is already registered.')
  return toPasskey(row)
}

export async function signInOptions(
  env: Bindings,
  rp: RelyingParty,
  now: Date,
): Promise<PasskeyRequestOptions> {
  // No allowCredentials: the authenticator offers the passkeys it holds for this RP ID.
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: PASSKEY_TIMEOUT_MS,
    userVerification: 'required',
  })
  await storeChallenge(env, options.challenge, 'sign-in', null, now)
  return { ...options }
}

/** A verified passkey answer → the same per-user session a password sign-in starts. */
export async function signInWithPasskey(
  env: Bindings,
  input: PasskeySignIn,
  rp: RelyingParty,
  userAgent: string,
  now: Date,
) {
  const { credential } = input
  const spent = await spendChallenge(env, credential.response.clientDataJSON, 'sign-in', now)
  const db = controlDb(env)
  const passkey = await findPasskeyByCredential(db, credential.id)
  if (!passkey) throw signInRefused()
  // The authenticator names the account it holds the passkey for; it must be the owner's.
  const handle = credential.response.userHandle
  if (handle !== undefined && isoBase64URL.toUTF8String(handle) !== passkey.user_id)
    throw signInRefused()
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>
  try {
    verified = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: spent.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      // The verifier refuses a signature counter that did not grow past the stored one (a cloned
      // authenticator, §6.1.1); the stored counter then stays as it was.
      credential: {
        id: passkey.credential_id,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
      requireUserVerification: true,
    })
  } catch {
    throw signInRefused()
  }
  if (!verified.verified) throw signInRefused()
  await touchPasskey(db, passkey.id, verified.authenticationInfo.newCounter, now.toISOString())
  const session = await startUserSession(env, passkey.user_id, userAgent, now)
  return { userId: passkey.user_id, ...session }
}
